/**
 * `analyze`'s engine options: --bands, --window, --taper, --rate and --preset, checked against the recording
 * (its sample rate) with a message that says what was expected.
 */
import { MIND_MONITOR_AGREEMENT } from '../../dsp/band-power-engine.ts';
import { bandBinRanges, type Band } from '../../dsp/bands.ts';
import { rfftFrequencies } from '../../dsp/welch.ts';
import type { EngineShape } from '../pipeline/band-power-frames.ts';
import type { RecordingScan } from '../readers/index.ts';
import { CliError } from './node-io.ts';

export const ENGINE_FLAGS = ['--bands', '--window', '--taper', '--rate', '--preset'] as const;

/** Presets by name: the engine shape each stands for. */
const PRESETS: Readonly<Record<string, EngineShape>> = {
  // Agrees best with Mind Monitor's own band-power columns (r ≈ 0.9, tests/data/validity.test.ts).
  'mind-monitor': MIND_MONITOR_AGREEMENT,
};

const MAX_WINDOW = 1 << 16;
const BAND = /^([a-z][a-z0-9_]*):(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

/** `name:low-high` (Hz) items, comma-separated; names are lower-cased, as the dream model looks them up. */
export function parseBandsFlag(text: string): Band[] {
  const bands: Band[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim().toLowerCase();
    const m = BAND.exec(item);
    if (!m) {
      throw new CliError(
        `--bands: expected NAME:LOW-HIGH in Hz such as alpha:8-12, found "${raw.trim()}" (in "${text}")`,
      );
    }
    const [, name, low, high] = m as unknown as [string, string, string, string];
    const band = { name, lowHz: Number(low), highHz: Number(high) };
    if (!(band.lowHz < band.highHz)) {
      throw new CliError(`--bands: ${name}'s low edge must be below its high edge, found ${low}-${high} Hz`);
    }
    if (bands.some((b) => b.name === name)) throw new CliError(`--bands: ${name} is given twice`);
    bands.push(band);
  }
  return bands;
}

function positiveNumber(flag: string, value: string | true, what: string): number {
  const v = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(v) || v <= 0) {
    throw new CliError(`${flag}: expected ${what}, found ${String(value)}`);
  }
  return v;
}

/**
 * The engine shape the flags ask for, or undefined when none is given. `file` names the recording in messages.
 */
export function engineShapeFromFlags(
  flags: ReadonlyMap<string, string | true>,
  scan: RecordingScan,
  file: string,
): EngineShape | undefined {
  const given = ENGINE_FLAGS.filter((f) => flags.has(f));
  if (given.length === 0) return undefined;
  if (!scan.hasRawEeg) {
    throw new CliError(
      `${file}: ${given.join(', ')} shape the analysis of raw EEG, and this recording has only its own ` +
        'recorded band powers',
    );
  }
  const fs = scan.sampleRate;
  let shape: EngineShape = {};
  const preset = flags.get('--preset');
  if (preset !== undefined) {
    const chosen = typeof preset === 'string' ? PRESETS[preset] : undefined;
    if (!chosen) {
      throw new CliError(
        `--preset: expected one of ${Object.keys(PRESETS).join(', ')}, found ${String(preset)}`,
      );
    }
    shape = { ...chosen };
  }
  const window = flags.get('--window');
  if (window !== undefined) {
    const n = positiveNumber('--window', window, `a whole number of samples from 2 to ${MAX_WINDOW}`);
    if (!Number.isInteger(n) || n < 2 || n > MAX_WINDOW) {
      throw new CliError(
        `--window: expected a whole number of samples from 2 to ${MAX_WINDOW}, found ${window}`,
      );
    }
    shape = { ...shape, windowSamples: n };
  }
  const taper = flags.get('--taper');
  if (taper !== undefined) {
    if (taper !== 'hann' && taper !== 'hamming') {
      throw new CliError(`--taper: expected hann or hamming, found ${String(taper)}`);
    }
    shape = { ...shape, window: taper };
  }
  const rate = flags.get('--rate');
  if (rate !== undefined) {
    const hz = positiveNumber('--rate', rate, `updates per second, at most the sample rate (${fs} Hz)`);
    if (hz > fs) {
      throw new CliError(
        `--rate: expected updates per second, at most the sample rate (${fs} Hz), found ${rate}`,
      );
    }
    shape = { ...shape, updateHz: hz };
  }
  const bandsText = flags.get('--bands');
  if (bandsText !== undefined) {
    const bands = parseBandsFlag(String(bandsText));
    const windowSamples = shape.windowSamples ?? 256;
    const bins = bandBinRanges(rfftFrequencies(windowSamples, fs), bands);
    bands.forEach((b, i) => {
      if (b.lowHz >= fs / 2) {
        throw new CliError(
          `--bands: ${b.name} (${b.lowHz}-${b.highHz} Hz) lies above ${file}'s highest frequency, ${fs / 2} Hz`,
        );
      }
      if (bins.start[i] === bins.end[i]) {
        throw new CliError(
          `--bands: ${b.name} (${b.lowHz}-${b.highHz} Hz) holds no frequency bin at ${+(fs / windowSamples).toFixed(3)} Hz ` +
            'resolution: widen the band or lengthen --window',
        );
      }
    });
    shape = { ...shape, bands };
  }
  return shape;
}
