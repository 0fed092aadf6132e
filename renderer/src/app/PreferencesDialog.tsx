/**
 * Preferences: theme, the default time step of new circuits, how times are shown, and whether the
 * start screen greets the user at startup.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { Preferences } from '../../../shared/ipc/desktopContract';
import { Modal } from '../ui/Modal';
import { useServices } from '../run/services';

export function PreferencesDialog({ onClose }: { onClose(): void }) {
  const { preferences } = useServices();
  const current = useStore(preferences.store);
  const [theme, setTheme] = useState<Preferences['theme']>(current.theme);
  const [dtMs, setDtMs] = useState(String(current.defaultDt * 1000));
  const [timeUnit, setTimeUnit] = useState<Preferences['timeUnit']>(current.timeUnit);
  const [showStartScreen, setShowStartScreen] = useState(current.showStartScreen);
  const [error, setError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    const dt = Number(dtMs) / 1000;
    if (!Number.isFinite(dt) || dt < 1e-6 || dt > 0.01) {
      setError('The time step must be between 0.001 ms and 10 ms.');
      return;
    }
    const failed = await preferences.save({
      theme,
      defaultDt: dt,
      timeUnit,
      showStartScreen,
    });
    if (failed) setError(failed);
    else onClose();
  };

  return (
    <Modal title="Preferences" onCancel={onClose}>
      <form
        className="prefs"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>Theme</legend>
          {(['light', 'dark', 'system'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="theme"
                value={value}
                checked={theme === value}
                onChange={() => setTheme(value)}
              />
              {value === 'system' ? 'Same as the system' : value[0]!.toUpperCase() + value.slice(1)}
            </label>
          ))}
        </fieldset>
        <label className="prefs__field">
          Default time step of new circuits (ms)
          <input
            type="number"
            inputMode="decimal"
            min={0.001}
            max={10}
            step="any"
            value={dtMs}
            onChange={(event) => setDtMs(event.target.value)}
          />
        </label>
        <fieldset>
          <legend>Show times in</legend>
          <label>
            <input
              type="radio"
              name="timeUnit"
              value="ms"
              checked={timeUnit === 'ms'}
              onChange={() => setTimeUnit('ms')}
            />
            milliseconds (ms)
          </label>
          <label>
            <input
              type="radio"
              name="timeUnit"
              value="s"
              checked={timeUnit === 's'}
              onChange={() => setTimeUnit('s')}
            />
            seconds (s)
          </label>
        </fieldset>
        <label className="prefs__check">
          <input
            type="checkbox"
            checked={showStartScreen}
            onChange={(event) => setShowStartScreen(event.target.checked)}
          />
          Show the start screen (examples, New, Open) when NeuroSketch opens
        </label>
        {error && (
          <p role="alert" className="ns-modal__error">
            {error}
          </p>
        )}
        <div className="ns-modal__actions">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
