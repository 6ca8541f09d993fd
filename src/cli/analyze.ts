/**
 * `neurosleep analyze`: one CSV row per band-power update, computed by the same dsp/ engine and dream model as
 * the app. Columns: TimeStamp (s since the recording's start), then band-major `<Band>_<channel>` as Mind Monitor
 * orders them, then Calm,Dread,Wonder,Glitch. A channel without a complete window is left empty, never zero.
 */
import { BandPowerEngine } from '../../dsp/band-power-engine.ts';
import { DreamModel } from '../dream/dream-model.ts';
import { DREAM_DIMENSIONS } from '../dream/dream-state.ts';
import { BAND_NAMES, frameFromUpdate } from '../pipeline/band-power-frames.ts';
import { DEFAULT_BAND_NAMES, frameFromRecordedBandPowers, type BandPowerFrame } from '../pipeline/frames.ts';
import { readRecording, type ParseSummary, type RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';

export interface AnalyzeOptions {
  readonly mainsHz?: 50 | 60 | null;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function analyzeHeader(bands: readonly string[], channels: readonly string[]): string {
  const cols = ['TimeStamp'];
  for (const b of bands) for (const c of channels) cols.push(`${capitalize(b)}_${c}`);
  for (const d of DREAM_DIMENSIONS) cols.push(capitalize(d));
  return cols.join(',');
}

/**
 * Streams the recording through DSP and dream model, handing each finished CSV row (with its newline) to
 * `writeRow`, which may return a promise to apply back-pressure.
 */
export async function analyzeRecording(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
  writeRow: (row: string) => void | Promise<void>,
  options: AnalyzeOptions = {},
): Promise<{ rows: number; summary: ParseSummary; bands: readonly string[] }> {
  const channels = scan.channels;
  const nc = channels.length;
  const bands = scan.hasRawEeg ? BAND_NAMES : (scan.bands ?? DEFAULT_BAND_NAMES);
  const model = new DreamModel(scan.sampleRate);
  const engine = scan.hasRawEeg
    ? new BandPowerEngine({ sampleRate: scan.sampleRate, channels: nc, mainsHz: options.mainsHz ?? 50 })
    : null;
  let rows = 0;
  let pending = '';

  const row = (frame: BandPowerFrame) => {
    const dream = model.update(frame).state;
    let line = frame.t.toFixed(3);
    for (let b = 0; b < bands.length; b++) {
      for (let c = 0; c < nc; c++) {
        line += frame.valid[c] ? ',' + (frame.absolute[b * nc + c] ?? 0).toFixed(6) : ',';
      }
    }
    for (const d of DREAM_DIMENSIONS) line += ',' + dream[d].toFixed(4);
    pending += line + '\n';
    rows++;
  };

  const flushPending = async () => {
    if (!pending) return;
    const text = pending;
    pending = '';
    await writeRow(text);
  };
  let summary: ParseSummary;
  try {
    summary = await readRecording(scan, open, (event: SourceEvent) => {
      switch (event.kind) {
        case 'samples':
          engine?.push(event.data, event.length, (u) => row(frameFromUpdate(u, channels)));
          break;
        case 'gap':
          engine?.gap(event.missingSamples);
          model.lost(event.t, event.missingSamples);
          break;
        case 'recorded-bandpowers':
          row(frameFromRecordedBandPowers(event.t, bands, channels, event.absolute));
          break;
        case 'marker':
          break;
      }
      if (pending.length >= 1 << 16) return flushPending();
    });
  } finally {
    // Rows computed before a malformed line are written out before the error is reported.
    await flushPending();
  }
  return { rows, summary, bands };
}
