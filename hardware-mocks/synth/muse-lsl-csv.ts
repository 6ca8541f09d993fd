/**
 * A synthesizer as a muse-lsl CSV recording (`timestamps,TP9,AF7,AF8,TP10,Right AUX`, epoch seconds, µV),
 * produced as ~64 KB strings so hours of signal stream to disk without being held in memory.
 */
import type { EegSynthesizer } from './synthesizer.ts';

export interface MuseLslCsvOptions {
  /** Timestamp of the first row, s since the Unix epoch (≥ 0). */
  readonly startEpochS: number;
  /** Seconds of signal to write; default: the rest of a one-shot timeline (required when it loops). */
  readonly durationS?: number;
  /** Decimals of the timestamps, 3..6 (default 6). */
  readonly timestampDecimals?: number;
  /** Approximate size of each yielded string, characters (default 65536). */
  readonly chunkChars?: number;
}

/** Samples read from the synthesizer per step. */
const READ_SAMPLES = 256;

/** `v` with exactly three decimals ("-12.345"), without toFixed's cost and without "-0.000". */
function fixed3(v: number): string {
  const m = Math.round(v * 1000);
  const a = m < 0 ? -m : m;
  const whole = Math.floor(a / 1000);
  const frac = a - whole * 1000;
  return (m < 0 ? '-' : '') + whole + (frac < 10 ? '.00' : frac < 100 ? '.0' : '.') + frac;
}

function padded(x: number, width: number): string {
  const s = String(x);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/**
 * Yields the CSV text of the synthesizer's next samples: a header, then one row per sample with the
 * timestamp startEpochS + k / sampleRate (k counts rows written), the channels in µV and AUX 0.000.
 * Reads the synthesizer as it goes, so nothing else should read it meanwhile. Options are checked at once.
 */
export function museLslCsvChunks(synth: EegSynthesizer, options: MuseLslCsvOptions): Generator<string, void> {
  const { startEpochS, timestampDecimals = 6, chunkChars = 65536 } = options;
  if (typeof startEpochS !== 'number' || !Number.isFinite(startEpochS) || startEpochS < 0) {
    throw new Error(`startEpochS must be a finite number ≥ 0 s (got ${String(startEpochS)})`);
  }
  if (!Number.isInteger(timestampDecimals) || timestampDecimals < 3 || timestampDecimals > 6) {
    throw new Error(`timestampDecimals must be an integer from 3 to 6 (got ${String(timestampDecimals)})`);
  }
  if (!Number.isInteger(chunkChars) || chunkChars < 1) {
    throw new Error(`chunkChars must be a positive integer (got ${String(chunkChars)})`);
  }
  const fs = synth.sampleRate;
  const remaining = synth.totalSamples - synth.position;
  let rows: number;
  if (options.durationS === undefined) {
    if (!Number.isFinite(remaining)) throw new Error('durationS is required for a looping timeline');
    rows = remaining;
  } else {
    const d = options.durationS;
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) {
      throw new Error(`durationS must be a finite number ≥ 0 s (got ${String(d)})`);
    }
    rows = Math.round(d * fs);
    if (rows > remaining) {
      throw new Error(
        `durationS ${d} s is longer than the ${remaining / fs} s left in the synthesizer's timeline`,
      );
    }
  }

  return csvRows(synth, rows, startEpochS, timestampDecimals, chunkChars);
}

function* csvRows(
  synth: EegSynthesizer,
  rows: number,
  startEpochS: number,
  timestampDecimals: number,
  chunkChars: number,
): Generator<string, void> {
  const fs = synth.sampleRate;
  const scale = [1e3, 1e4, 1e5, 1e6][timestampDecimals - 3] as number;
  // Integer ticks keep 1.7e9 s timestamps exact to the last printed decimal.
  const startTicks = Math.round(startEpochS * scale);
  const nch = synth.channels.length;
  const bufs = synth.channels.map(() => new Float32Array(READ_SAMPLES));
  let text = `timestamps,${synth.channels.join(',')},Right AUX\n`;
  for (let done = 0; done < rows;) {
    const n = Math.min(READ_SAMPLES, rows - done);
    synth.next(bufs, n);
    for (let i = 0; i < n; i++) {
      const ticks = startTicks + Math.round(((done + i) * scale) / fs);
      const whole = Math.floor(ticks / scale);
      let row = `${whole}.${padded(ticks - whole * scale, timestampDecimals)}`;
      for (let c = 0; c < nch; c++) row += ',' + fixed3((bufs[c] as Float32Array)[i] as number);
      text += row + ',0.000\n';
      if (text.length >= chunkChars) {
        yield text;
        text = '';
      }
    }
    done += n;
  }
  if (text.length > 0) yield text;
}
