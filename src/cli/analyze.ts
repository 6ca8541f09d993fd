/**
 * `neurosleep analyze`: one CSV row per band-power update, computed by the same dsp/ engine and dream model as
 * the app. Columns: TimeStamp (s since the recording's start), then band-major `<Band>_<channel>` as Mind Monitor
 * orders them, then Calm,Dread,Wonder,Glitch. A channel without a complete window is left empty, never zero.
 */
import type { ArtifactSpanFlags } from '../../dsp/artifact-spans.ts';
import { runOfflineAnalysis, type EngineRead, type RecordingRead } from '../analysis/offline-analysis.ts';
import type { DreamState } from '../dream/dream-state.ts';
import type { EngineShape } from '../pipeline/band-power-frames.ts';
import type { ParseSummary, RecordingScan } from '../readers/index.ts';
import { AsciiRows } from './ascii-rows.ts';

export interface AnalyzeOptions {
  readonly mainsHz?: 50 | 60 | null;
  /** Notch the mains harmonics too (dsp/filter-design.ts designMainsNotch). */
  readonly mainsHarmonics?: boolean;
  /** Bands, window and update rate for raw EEG (cli/engine-flags.ts); Muse's defaults where absent. */
  readonly shape?: EngineShape;
  /** Pass 2 other than readRecording on `open`: the CLI parses text in a worker thread (worker-read.ts). */
  readonly read?: RecordingRead;
  /** Blink / jaw-clench flags that `read` fills (runOfflineAnalysis's option of that name). */
  readonly artifactSpans?: ArtifactSpanFlags;
  /** Pass 2 with the engine in a worker thread (engine-worker.ts), for EDF/BDF. */
  readonly engineRead?: EngineRead;
}

/** The dream columns of `analyze`, in order. */
export const ANALYZE_DREAM_COLUMNS = [
  'calm',
  'dread',
  'wonder',
  'glitch',
] as const satisfies readonly (keyof DreamState)[];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function analyzeHeader(bands: readonly string[], channels: readonly string[]): string {
  const cols = ['TimeStamp'];
  for (const b of bands) for (const c of channels) cols.push(`${capitalize(b)}_${c}`);
  for (const d of ANALYZE_DREAM_COLUMNS) cols.push(capitalize(d));
  return cols.join(',');
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const FLUSH_AT = 1 << 16;

/**
 * Streams the recording through DSP and dream model, handing finished CSV rows (ASCII, with their newlines) to
 * `writeRows`, which may return a promise to apply back-pressure. Rows computed before a malformed line are
 * written out before the error is thrown.
 */
export async function analyzeRecording(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
  writeRows: (rows: Uint8Array) => void | Promise<void>,
  options: AnalyzeOptions = {},
): Promise<{ rows: number; summary: ParseSummary }> {
  let rows = 0;
  const pending = new AsciiRows();
  const flushPending = async () => {
    if (pending.length > 0) await writeRows(pending.take());
  };
  let summary: ParseSummary;
  try {
    summary = await runOfflineAnalysis(
      scan,
      open,
      (frame, dream) => {
        const nc = frame.channels.length;
        pending.fixed(frame.t, 3);
        for (let b = 0; b < frame.bands.length; b++) {
          for (let c = 0; c < nc; c++) {
            pending.byte(COMMA);
            if (frame.valid[c]) pending.fixedAt(frame.absolute, b * nc + c, 6);
          }
        }
        for (const d of ANALYZE_DREAM_COLUMNS) {
          pending.byte(COMMA);
          pending.fixed(dream.state[d], 4);
        }
        pending.byte(NEWLINE);
        rows++;
      },
      {
        mainsHz: options.mainsHz,
        mainsHarmonics: options.mainsHarmonics,
        shape: options.shape,
        read: options.read,
        artifactSpans: options.artifactSpans,
        engineRead: options.engineRead,
        // Each frame is written as a row before the next update; a row holds the dream's state, not its why.
        reuseFrames: true,
        explain: false,
        afterEvent: () => (pending.length >= FLUSH_AT ? flushPending() : undefined),
      },
    );
  } finally {
    await flushPending();
  }
  return { rows, summary };
}
