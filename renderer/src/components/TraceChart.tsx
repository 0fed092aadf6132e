/**
 * A live trace chart: Chart.js, mutated directly (never through React state). On each session
 * notification it rebuilds a min/max envelope per trace for the plot's pixel width and calls
 * `update('none')`.
 */
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { SimulationSession } from '../sim/SimulationSession';
import { envelope, type Point } from '../sim/envelope';
import { registerChartForTests } from '../testHooks';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Tooltip,
  Legend,
  Filler,
);

export interface TraceChartProps {
  session: SimulationSession;
  probeId: string;
  title: string;
  yLabel: string;
  /** Run length in seconds: the x axis spans it. */
  durationSeconds: number;
  /** A dashed horizontal reference line (the threshold), if any. */
  threshold?: number;
  color: string;
}

export function TraceChart(props: TraceChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { session, probeId, title, yLabel, durationSeconds, threshold, color } = props;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const xMaxMs = durationSeconds * 1000;
    const traceData: Point[] = [];
    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: title,
            data: traceData,
            borderColor: color,
            borderWidth: 1.5,
            pointRadius: 0,
            tension: 0,
          },
          ...(threshold !== undefined
            ? [
                {
                  label: 'threshold',
                  data: [
                    { x: 0, y: threshold },
                    { x: xMaxMs, y: threshold },
                  ],
                  borderColor: '#c0392b',
                  borderDash: [6, 4],
                  borderWidth: 1,
                  pointRadius: 0,
                },
              ]
            : []),
        ],
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        plugins: {
          legend: { display: true, position: 'top', align: 'end', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${Number(item.parsed.y).toFixed(4)}`,
              title: (items) => `t = ${Number(items[0]?.parsed.x ?? 0).toFixed(2)} ms`,
            },
          },
        },
        scales: {
          x: { type: 'linear', min: 0, max: xMaxMs, title: { display: true, text: 'time (ms)' } },
          y: { type: 'linear', title: { display: true, text: yLabel } },
        },
      },
    });
    registerChartForTests(probeId, chart);

    const redraw = (): void => {
      const buffer = session.traces.get(probeId);
      if (buffer) {
        const x = chart.scales['x'];
        const left = x ? x.left : 0;
        const width = x ? x.width : canvas.clientWidth;
        envelope(
          buffer,
          0,
          session.dt * 1000,
          x?.min ?? 0,
          x?.max ?? xMaxMs,
          left,
          width,
          traceData,
        );
      } else {
        traceData.length = 0;
      }
      chart.update('none');
    };
    const unsubscribe = session.subscribe(redraw);
    return () => {
      unsubscribe();
      registerChartForTests(probeId, null);
      chart.destroy();
    };
  }, [session, probeId, title, yLabel, durationSeconds, threshold, color]);

  return (
    <div className="trace-chart">
      <canvas ref={canvasRef} role="img" aria-label={`${title} chart`} />
    </div>
  );
}
