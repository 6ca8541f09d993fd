/**
 * Which parts of a scan pass 2 reads by. A scan of a file's head can stand in for the whole-file scan while
 * pass 2 runs (the CLI then scans the whole file beside it), and what pass 2 gave is kept only when the two
 * agree here; otherwise pass 2 runs again with the whole-file scan.
 */
import type { RecordingScan } from './recording-types.ts';

/**
 * Summaries of the whole file: pass 2 reads none of them, except `error`, which a parser throws at its end
 * (the caller of a speculative pass 2 throws the whole-file one), and `durationS` for 1 row/s band-power files
 * (hasRawEeg false, which a head scan is not used for).
 */
const WHOLE_FILE_SUMMARIES: ReadonlySet<string> = new Set<keyof RecordingScan>([
  'measuredRate',
  'rows',
  'markers',
  'durationS',
  'backwardSteps',
  'quality',
  'warnings',
  'error',
]);

/**
 * Whether pass 2 reads the same with `a` as with `b`: every field but the whole-file summaries is equal
 * (format, channels, sample rate, column plan, selection…). A field only one of them has is a difference.
 */
export function sameReadingPlan(a: RecordingScan, b: RecordingScan): boolean {
  return readingPlanKey(a) === readingPlanKey(b);
}

function readingPlanKey(scan: RecordingScan): string {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(scan)) if (!WHOLE_FILE_SUMMARIES.has(k)) kept[k] = v;
  // Number formatting keeps every float bit that matters here (rates, offsets); key order is the scanners' own.
  return JSON.stringify(kept);
}
