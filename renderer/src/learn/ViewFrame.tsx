/**
 * The frame every "See the math" view shares: title, a few sentences, the formula, the view's
 * controls and charts, and "Save data as CSV". It also publishes the view's data to the read-only
 * test hook, so e2e reads exactly what is drawn.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { registerLearnViewForTests } from '../run/testHooks';
import { downloadCsv } from './download';
import { Formula } from './Formula';

export interface ViewFrameProps {
  viewId: string;
  title: string;
  /** Two or three sentences in our own words. */
  text: ReactNode;
  /** TeX of the view's formula(s). */
  tex: string;
  /** The data the charts show (published to the test hook). */
  data: unknown;
  /** CSV text of the data, built on demand. */
  csv: () => string;
  children: ReactNode;
}

export function ViewFrame({ viewId, title, text, tex, data, csv, children }: ViewFrameProps) {
  useEffect(() => {
    registerLearnViewForTests(viewId, data);
  }, [viewId, data]);
  useEffect(() => () => registerLearnViewForTests(viewId, null), [viewId]);
  return (
    <section className="learn-view" aria-label={`${title} view`}>
      <header className="learn-view__header">
        <h2 className="learn-view__title">{title}</h2>
        <button
          type="button"
          className="learn-button"
          onClick={() => downloadCsv(csv(), `${viewId}.csv`)}
        >
          Save data as CSV
        </button>
      </header>
      <div className="learn-view__intro">
        <p className="learn-view__text">{text}</p>
        <Formula tex={tex} />
      </div>
      {children}
    </section>
  );
}

/** A labelled control row. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="learn-field">
      <span className="learn-field__label">{label}</span>
      {children}
    </label>
  );
}

/**
 * A slider with a number box beside it, as the live inputs have it: drag for a feel, type for an
 * exact value. With `grow`, a typed value beyond the slider's range widens the slider to reach it
 * (v_in of 12 is a fair question); without, a typed value is clamped to the range the charts draw.
 * The box keeps what is being typed ("-", "1.") until it leaves the field.
 */
export function SliderField({
  label,
  name,
  value,
  min,
  max,
  step,
  grow = false,
  onChange,
}: {
  /** The visible label (may show the value). */
  label: string;
  /** Accessible name of the slider; the number box is "<name> value". */
  name: string;
  value: number;
  min: number;
  max: number;
  step: number;
  grow?: boolean;
  onChange: (value: number) => void;
}) {
  const [typing, setTyping] = useState<string | null>(null);
  const accept = (x: number): void => onChange(grow ? x : Math.min(max, Math.max(min, x)));
  return (
    <div className="learn-field">
      <span className="learn-field__label">{label}</span>
      <span className="learn-field__slider">
        <input
          type="range"
          aria-label={name}
          min={grow ? Math.min(min, value) : min}
          max={grow ? Math.max(max, value) : max}
          step={step}
          value={value}
          onChange={(e) => {
            setTyping(null);
            onChange(Number(e.target.value));
          }}
        />
        <input
          type="number"
          aria-label={`${name} value`}
          step="any"
          value={typing ?? String(value)}
          onChange={(e) => {
            setTyping(e.target.value);
            const x = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(x)) accept(x);
          }}
          onBlur={() => setTyping(null)}
        />
      </span>
    </div>
  );
}
