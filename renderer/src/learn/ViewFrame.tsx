/**
 * The frame every "See the math" view shares: title, a few sentences, the formula, the view's
 * controls and charts, and "Save data as CSV". It also publishes the view's data to the read-only
 * test hook, so e2e reads exactly what is drawn.
 */
import { useEffect, type ReactNode } from 'react';
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
