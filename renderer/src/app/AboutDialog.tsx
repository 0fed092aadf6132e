/** The About box: what NeuroSketch is, and the versions of its parts (for bug reports). */
import { useStore } from 'zustand';
import { fileStore } from '../files/fileSession';
import { Modal } from '../ui/Modal';

function browserVersion(): string | null {
  const match = /(Chrome|Chromium|Firefox|Version)\/([\d.]+)/.exec(navigator.userAgent);
  return match ? `${match[1] === 'Version' ? 'Safari' : match[1]} ${match[2]}` : null;
}

export function AboutDialog({ onClose }: { onClose(): void }) {
  const info = useStore(fileStore, (s) => s.info);
  const versions = { ...(info?.versions ?? {}) };
  if (info?.host === 'web') {
    const browser = browserVersion();
    if (browser) versions['Browser'] = browser;
  }
  return (
    <Modal
      title="About NeuroSketch"
      onCancel={onClose}
      description={
        <p>
          Design small neural circuits by hand and watch them run live. Built from an intro course’s
          notes. Works offline; your circuits are plain <code>.neuro</code> files.
        </p>
      }
    >
      <dl className="about__versions" aria-label="versions">
        {Object.entries(versions).map(([name, version]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{version}</dd>
          </div>
        ))}
        <div>
          <dt>Host</dt>
          <dd>
            {info?.host === 'electron' ? 'desktop app' : 'browser (npm run web)'} on{' '}
            {info?.platform ?? 'unknown'}
          </dd>
        </div>
      </dl>
      <p className="about__license">MIT licence.</p>
      <div className="ns-modal__actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
