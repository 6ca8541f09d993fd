/** `neurosleep inspect`: what a recording holds, read the same way the app replays it. */
import { RecordingError, readRecording, type ParseSummary, type RecordingScan } from '../readers/index.ts';
import type { MainsDetection } from '../../dsp/mains-detect.ts';
import { MainsProbe } from '../pipeline/mains-probe.ts';
import { mainsNotchFor } from '../pipeline/band-power-frames.ts';
import type { EventMarker, GapMarker } from '../source/types.ts';

/** Listed one by one up to this many; beyond it only counted, so output stays short for long files. */
const LIST_LIMIT = 20;

export interface InspectReport {
  readonly text: string;
  readonly json: Record<string, unknown>;
  /** The malformed row that stopped reading, after everything before it was inspected. */
  readonly error: RecordingError | null;
}

const round3 = (x: number) => +x.toPrecision(3);

/** What the line-noise check found, with the figures it rests on, and the notch `analyze` will then use. */
export function mainsText(m: MainsDetection, sampleRate: number): string {
  const ratios = `peak over surroundings: 50 Hz ${round3(m.ratio50)}×, 60 Hz ${round3(m.ratio60)}×`;
  const notch = mainsNotchFor(m.mainsHz ?? 50, sampleRate);
  const then =
    notch === null
      ? `analyze notches nothing (${m.mainsHz ?? 50} Hz is not below Nyquist)`
      : `analyze notches ${notch} Hz`;
  return m.mainsHz === null
    ? `no line-noise peak stands out (${ratios}); ${then}`
    : `${m.mainsHz} Hz line noise (${ratios}); ${then}`;
}

function seconds(s: number): string {
  if (s < 120) return `${s.toFixed(3)} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s - h * 3600 - m * 60;
  return `${s.toFixed(3)} s (${h > 0 ? `${h} h ` : ''}${m} min ${rest.toFixed(1)} s)`;
}

export async function inspectRecording(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
): Promise<InspectReport> {
  const gaps: GapMarker[] = [];
  const markers: EventMarker[] = [];
  let error: RecordingError | null = null;
  let summary: ParseSummary | null = null;
  const probe = scan.hasRawEeg ? new MainsProbe(scan.channels.length, scan.sampleRate) : null;
  try {
    summary = await readRecording(scan, open, (e) => {
      probe?.push(e);
      if (e.kind === 'gap' && gaps.length < LIST_LIMIT) gaps.push(e);
      if (e.kind === 'marker' && markers.length < LIST_LIMIT) markers.push(e);
    });
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    error = err;
  }

  const durationS = summary?.durationS ?? scan.durationS;
  const lines = [
    `file:         ${scan.file}`,
    `format:       ${scan.format}${scan.layout ? ` (${scan.layout})` : ''}`,
    `channels:     ${scan.channels.join(', ')} (${scan.channels.length})`,
    'edf' in scan && !scan.hasRawEeg
      ? `sample rate:  none: the file holds annotations only`
      : scan.hasRawEeg
        ? `sample rate:  ${scan.sampleRate} Hz (measured over the whole file: ${scan.measuredRate.toFixed(2)} Hz)`
        : `row rate:     ${scan.measuredRate.toFixed(3)} rows/s: no raw EEG stream, band powers come from the file`,
    `duration:     ${seconds(durationS)}`,
    `rows:         ${scan.rows}${scan.startTime ? `, starting ${scan.startTime}` : ''}`,
  ];
  if (summary) {
    lines.push(`gaps:         ${summary.gaps} (${summary.gapSamples} samples missing)`);
    for (const g of gaps) lines.push(`  at ${g.t.toFixed(3)} s: ${g.missingSamples} samples (${g.reason})`);
    if (summary.gaps > gaps.length) lines.push(`  … and ${summary.gaps - gaps.length} more`);
    if (summary.zeroFilledRuns > 0) {
      lines.push(
        `zero runs:    ${summary.zeroFilledRuns} runs of exact 0.0 (${summary.zeroFilledSamples} samples), read as missing`,
      );
    }
    if (summary.missingValues > 0)
      lines.push(`missing:      ${summary.missingValues} empty or non-finite values`);
  }
  const mains = probe?.result() ?? null;
  if (mains) lines.push(`mains:        ${mainsText(mains, scan.sampleRate)}`);
  lines.push(`markers:      ${summary?.markers ?? scan.markers}`);
  for (const m of markers) lines.push(`  at ${m.t.toFixed(3)} s: ${m.label}`);
  if ((summary?.markers ?? scan.markers) > markers.length && markers.length === LIST_LIMIT) lines.push('  …');
  if (scan.ignoredColumns.length > 0) {
    lines.push(`${'edf' in scan ? 'not read: ' : 'not EEG:  '}    ${scan.ignoredColumns.join(', ')}`);
  }
  if (scan.note) lines.push(`note:         ${scan.note}`);
  for (const w of [...scan.warnings, ...(summary?.warnings ?? [])]) lines.push(`warning:      ${w}`);
  if (error) lines.push(`stopped:      ${error.message}`);

  const json = {
    file: scan.file,
    format: scan.format,
    layout: scan.layout ?? null,
    channels: scan.channels,
    sampleRate: scan.sampleRate,
    measuredRate: scan.measuredRate,
    hasRawEeg: scan.hasRawEeg,
    durationS,
    rows: scan.rows,
    startTime: scan.startTime ?? null,
    gaps: summary ? { count: summary.gaps, missingSamples: summary.gapSamples, first: gaps } : null,
    zeroFilledRuns: summary?.zeroFilledRuns ?? null,
    mains: mains
      ? { detectedHz: mains.mainsHz, peakRatio50: round3(mains.ratio50), peakRatio60: round3(mains.ratio60) }
      : null,
    markers: { count: summary?.markers ?? scan.markers, first: markers },
    note: scan.note ?? null,
    warnings: [...scan.warnings, ...(summary?.warnings ?? [])],
    error: error?.message ?? null,
    ...('edf' in scan
      ? {
          edf: {
            variant: scan.edf.variant,
            records: scan.edf.records,
            recordsClaimed: scan.edf.recordsClaimed,
            recordDurationS: scan.edf.recordDurationS,
            signals: scan.edf.signals.map((s) => ({
              label: s.label,
              role: s.role,
              sampleRate: s.sampleRate,
              physicalDimension: s.physicalDimension,
              read: scan.edf.selected.includes(s.index),
            })),
          },
        }
      : {}),
  };
  return { text: lines.join('\n') + '\n', json, error };
}
