/**
 * Which signals of a montage (a PhysioNet cap, a Sleep-EDF PSG, an OpenBCI board) feed the dream. The dream was tuned on a Muse:
 * two frontal electrodes (AF7, AF8) and two behind the ears (TP9, TP10). A mapping fills those four inputs with
 * the file's signals; the reader then streams exactly those, the same selection as the CLI's `--channels`.
 */
import {
  isEdfScan,
  normalizeLabel,
  scanRecording,
  type ByteSource,
  type EdfSignal,
  type RecordingScan,
} from '../../readers/index.ts';

/** What the picker needs of a signal: an EDF/BDF signal, or a table column (all at the file's rate). */
export type MappableSignal = Pick<EdfSignal, 'label' | 'sampleRate' | 'role'>;

export const DREAM_INPUTS = ['TP9', 'AF7', 'AF8', 'TP10'] as const;
export type DreamInput = (typeof DREAM_INPUTS)[number];

export const DREAM_INPUT_NAMES: Readonly<Record<DreamInput, string>> = {
  TP9: 'Left back (TP9)',
  AF7: 'Left front (AF7)',
  AF8: 'Right front (AF8)',
  TP10: 'Right back (TP10)',
};

/** Signal label per dream input; null leaves the input empty. */
export type ChannelMapping = Readonly<Record<DreamInput, string | null>>;

/**
 * Nearest sites first (normalized labels). Frontal inputs take prefrontal/frontal sites or a frontal bipolar
 * derivation (Sleep-EDF's Fpz-Cz); the back inputs take temporal sites, then parietal/occipital ones, where
 * alpha shows best (Sleep-EDF's Pz-Oz).
 */
const PREFERENCES: Readonly<Record<DreamInput, readonly string[]>> = {
  AF7: ['af7', 'fp1', 'af3', 'fpz-cz', 'fpz', 'f7', 'f3', 'fp1-f7', 'fp1-f3', 'fz', 'fp1-a2', 'f3-a2'],
  AF8: ['af8', 'fp2', 'af4', 'f8', 'f4', 'fp2-f8', 'fp2-f4', 'afz', 'fp2-a1', 'f4-a1', 'fz-cz'],
  TP9: ['tp9', 't9', 'tp7', 't7', 't3', 'p7', 't5', 'o1', 'pz-oz', 'o1-a2', 'p3', 'c3-a2', 'po7', 'oz'],
  TP10: ['tp10', 't10', 'tp8', 't8', 't4', 'p8', 't6', 'o2', 'o2-a1', 'p4', 'c4-a1', 'po8', 'pz'],
};

const MUSE_LABELS = new Set(['tp9', 'af7', 'af8', 'tp10']);

/**
 * Signals a mapping may use: EDF/BDF data signals (not annotations) with a sample rate, or every EEG column of a
 * table recording (an OpenBCI board's `EXG Channel N`), the whole file's even when a selection plays. Recordings
 * without raw EEG (Mind Monitor 1 row/s) have nothing to map.
 */
export function mappableSignals(scan: RecordingScan): MappableSignal[] {
  if (isEdfScan(scan)) return scan.edf.signals.filter((s) => s.role !== 'annotations' && s.sampleRate > 0);
  if (!scan.hasRawEeg) return [];
  const labels = scan.selection?.fileChannels ?? scan.channels;
  return labels.map((label) => ({ label, sampleRate: scan.sampleRate, role: 'eeg' }));
}

/** True for a montage whose channels are not the Muse four (EDF/BDF, OpenBCI): the user should map them. */
export function needsChannelMapping(scan: RecordingScan): boolean {
  const signals = mappableSignals(scan);
  if (signals.length === 0) return false;
  const labels = new Set(signals.map((s) => normalizeLabel(s.label)));
  return ![...MUSE_LABELS].every((l) => labels.has(l)) || signals.length > MUSE_LABELS.size;
}

/** The suggested mapping: nearest sites by name, all at one rate; the first EEG signals when no name is known. */
export function defaultMapping(signals: readonly MappableSignal[]): ChannelMapping {
  const byLabel = new Map(signals.map((s) => [normalizeLabel(s.label), s]));
  const used = new Set<MappableSignal>();
  const out: Record<DreamInput, string | null> = { TP9: null, AF7: null, AF8: null, TP10: null };
  let rate: number | null = null;
  // Frontal inputs first: they set the rate, and a frontal pair matters most to the dream's alpha/beta.
  for (const input of ['AF7', 'AF8', 'TP9', 'TP10'] as const) {
    for (const want of PREFERENCES[input]) {
      const s = byLabel.get(want);
      if (!s || used.has(s) || (rate !== null && s.sampleRate !== rate)) continue;
      out[input] = s.label;
      used.add(s);
      rate = s.sampleRate;
      break;
    }
  }
  if (used.size > 0) return out;
  const eeg = signals.filter((s) => s.role === 'eeg');
  const pool = eeg.length > 0 ? eeg : signals;
  const top = pool.reduce((m, s) => Math.max(m, s.sampleRate), 0);
  const picks = pool.filter((s) => s.sampleRate === top).slice(0, DREAM_INPUTS.length);
  (['AF7', 'AF8', 'TP9', 'TP10'] as const).forEach((input, i) => (out[input] = picks[i]?.label ?? null));
  return out;
}

/** The `--channels` list for a mapping, in Muse order, each signal once. */
export function mappedChannels(mapping: ChannelMapping): string[] {
  const out: string[] = [];
  for (const input of DREAM_INPUTS) {
    const label = mapping[input];
    if (label !== null && !out.includes(label)) out.push(label);
  }
  return out;
}

/** Why a mapping cannot be played (nothing chosen, mixed rates), or null when it can. */
export function mappingProblem(mapping: ChannelMapping, signals: readonly MappableSignal[]): string | null {
  const chosen = mappedChannels(mapping);
  if (chosen.length === 0) return 'Choose at least one channel.';
  const picked = chosen.map((label) => signals.find((s) => s.label === label));
  const missing = chosen.filter((_, i) => !picked[i]);
  if (missing.length > 0) return `Not in this recording: ${missing.join(', ')}.`;
  const rates = new Set(picked.map((s) => s?.sampleRate));
  if (rates.size > 1) {
    return `The chosen channels must share one sample rate; found ${picked
      .map((s) => `${s?.label} at ${s?.sampleRate} Hz`)
      .join(', ')}.`;
  }
  return null;
}

/**
 * Scans a recording for playback. A montage (EDF/BDF, OpenBCI) is scanned again with `mapping` (or the suggested
 * one) so that only the mapped signals stream; a Muse recording plays as it is, with a null mapping.
 */
export async function scanWithMapping(
  name: string,
  open: ByteSource,
  mapping?: ChannelMapping,
): Promise<{ scan: RecordingScan; mapping: ChannelMapping | null }> {
  const whole = await scanRecording(name, open);
  if (!mapping && !needsChannelMapping(whole)) return { scan: whole, mapping: null };
  const chosen = mapping ?? defaultMapping(mappableSignals(whole));
  const scan = await scanRecording(name, open, undefined, { channels: mappedChannels(chosen) });
  return { scan, mapping: chosen };
}
