import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type PlotData = uPlot.AlignedData;

/**
 * One uPlot chart. `read` is polled at `refreshMs` (not per frame) and its data handed to uPlot; the chart is
 * created once and resized with its container.
 */
export function UPlotChart({
  options,
  read,
  refreshMs = 250,
  label,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  read: () => PlotData | null;
  refreshMs?: number;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const readRef = useRef(read);
  readRef.current = read;
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = () => Math.max(200, el.clientWidth);
    const initial = readRef.current() ?? (options.series.map(() => []) as unknown as PlotData);
    const plot = new uPlot({ ...options, width: width(), height: 110 }, initial, el);
    const timer = setInterval(() => {
      const data = readRef.current();
      if (data) plot.setData(data);
    }, refreshMs);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 110 }));
    resize.observe(el);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      plot.destroy();
    };
    // The chart is built once per set of options; data flows through `read`.
  }, [options, refreshMs]);
  return <div ref={host} className="uplot-host" role="img" aria-label={label} />;
}
