/**
 * The frame every live chart is drawn in: its head (title, the chart's own keys and controls, the
 * PNG button), the focusable plot with its canvas (arrow keys pan, plus and minus zoom), an
 * optional note under the plot and the hover readout. The chart's Chart.js instance lives in
 * `useChartJs`, which hands the refs and handlers given here.
 */
import type { ReactNode, RefObject } from 'react';
import { ZOOM_HINT } from './chartSetup';
import './charts.css';

export interface ChartFrameProps {
  title: string;
  /** The title's colour, in the theme's colours already (none: the text colour). */
  titleColor?: string | undefined;
  /** What the canvas is called after the title: "chart" (default) or "heat map". */
  kind?: string;
  /** Spans the charts panel (the raster). */
  wide?: boolean;
  /** A fixed height of the plot, in px (else the stylesheet's). */
  plotHeight?: number;
  /** The head's contents between the title and the PNG button: keys, toggles, a view choice. */
  children?: ReactNode;
  /** A line under the plot (what a band means, a neuron not recorded). */
  note?: ReactNode;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  readoutRef: RefObject<HTMLDivElement | null>;
  onKeyDown(event: KeyboardEvent): void;
  onSavePng(): void;
}

export function ChartFrame({
  title,
  titleColor,
  kind = 'chart',
  wide = false,
  plotHeight,
  children,
  note,
  canvasRef,
  readoutRef,
  onKeyDown,
  onSavePng,
}: ChartFrameProps) {
  return (
    <figure className={wide ? 'live-chart live-chart--wide' : 'live-chart'} aria-label={title}>
      <figcaption className="live-chart__head">
        <span
          className="live-chart__title"
          style={titleColor === undefined ? undefined : { color: titleColor }}
          title={`${title}: ${ZOOM_HINT}`}
        >
          {title}
        </span>
        {children}
        <button
          type="button"
          className="live-chart__button"
          onClick={onSavePng}
          aria-label={`Save ${title} ${kind} as PNG`}
        >
          PNG
        </button>
      </figcaption>
      <div
        className="live-chart__plot"
        style={plotHeight === undefined ? undefined : { height: plotHeight }}
        tabIndex={0}
        onKeyDown={(e) => onKeyDown(e.nativeEvent)}
        aria-label={`${title}: arrow keys pan, plus and minus zoom, 0 follows the run; ${ZOOM_HINT}`}
      >
        <canvas ref={canvasRef} role="img" aria-label={`${title} ${kind}`} />
      </div>
      {note && <div className="live-chart__note">{note}</div>}
      <div className="live-chart__readout" ref={readoutRef} aria-live="off">
        {'\u00a0'}
      </div>
    </figure>
  );
}
