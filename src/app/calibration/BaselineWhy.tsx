import type { CalibrationSnapshot } from '../session-controller.ts';

/** One line of plain words on what the indices are measured against. */
export function baselineText(c: CalibrationSnapshot): string {
  let text: string;
  if (c.origin === 'saved' && c.saved) {
    const when = new Date(c.saved.createdAt).toLocaleString();
    const eyes =
      c.saved.alphaReactivity === null ? '' : `, alpha reactivity ${c.saved.alphaReactivity.toFixed(2)}×`;
    text = `indices: z-scores against ${c.saved.profile}'s saved baseline (${when}, ${Math.round(c.saved.durationS)} s rest${eyes})`;
  } else if (c.origin === 'saved') {
    text = 'indices: z-scores against a saved baseline';
  } else if (c.origin === 'session') {
    text = "indices: z-scores against this session's own baseline";
  } else {
    text = `indices: calibrating a personal baseline, ${Math.round(c.progress * 100)}% (fixed anchors until then)`;
  }
  return c.problem ? `${text} · ${c.problem}` : text;
}

/** Transparency: which profile's baseline (or none) drives the indices. */
export function BaselineWhy({ calibration }: { calibration: CalibrationSnapshot }) {
  return (
    <div className="why-baseline" data-testid="why-baseline">
      {baselineText(calibration)}
    </div>
  );
}
