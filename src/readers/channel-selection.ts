/**
 * Channel selection for the table formats (Mind Monitor and muse-lsl CSV, OpenBCI GUI, BrainFlow): the CLI's
 * `--channels` and the app's channel picker, as EDF/BDF have in edf-header.ts's `selectSignals`.
 *
 * A table row carries every channel anyway, so the selection is applied to pass 2's events rather than inside
 * each parser: the parser reads the file's own layout (and still checks it against the scan), and every
 * SampleChunk and RecordedBandPowers is narrowed to the chosen channels, in the order asked. `ParseSummary`
 * counts (missing values, zero-filled runs) stay whole-file figures.
 */
import { normalizeLabel } from './edf-header.ts';
import { RecordingError } from './recording-error.ts';
import type { RecordingScan } from './recording-types.ts';
import type { SourceEvent } from '../source/types.ts';

/** Which of the file's channels stream: `pick[j]` is the file channel behind output channel j. */
export interface ChannelSelection {
  readonly fileChannels: readonly string[];
  readonly pick: readonly number[];
}

/** Index of the file channel a requested label names: the exact label, else case/spacing/"EEG " insensitive. */
function channelIndex(channels: readonly string[], name: string): number {
  const exact = channels.indexOf(name.trim());
  if (exact >= 0) return exact;
  const want = normalizeLabel(name);
  return channels.findIndex((c) => normalizeLabel(c) === want);
}

/**
 * The scan narrowed to `requested` channels (each once, in the order asked). Throws a RecordingError naming the
 * label and the channels there are. A scan already narrowed is narrowed from its file's channels again.
 */
export function selectScanChannels<S extends RecordingScan>(scan: S, requested: readonly string[]): S {
  const fileChannels = scan.selection?.fileChannels ?? scan.channels;
  const pick: number[] = [];
  for (const name of requested) {
    const i = channelIndex(fileChannels, name);
    if (i < 0) {
      throw new RecordingError({
        file: scan.file,
        line: 1,
        byteOffset: 0,
        field: 'channels',
        expected: `a channel named ${JSON.stringify(name)} (channels: ${fileChannels.join(', ')})`,
        found: 'none',
      });
    }
    if (!pick.includes(i)) pick.push(i);
  }
  const channels = pick.map((i) => fileChannels[i] as string);
  const quality = scan.quality && {
    ...scan.quality,
    hsiGood: pick.map((i) => scan.quality?.hsiGood[i] ?? NaN),
    hsiOk: pick.map((i) => scan.quality?.hsiOk[i] ?? NaN),
    hsiBad: pick.map((i) => scan.quality?.hsiBad[i] ?? NaN),
  };
  return {
    ...scan,
    channels,
    selection: { fileChannels: [...fileChannels], pick },
    ...(quality ? { quality } : {}),
  };
}

/** The scan as its parser must see it: every channel of the file. */
export function wholeFileScan<S extends RecordingScan>(scan: S): S {
  if (!scan.selection) return scan;
  const { selection, ...rest } = scan;
  return { ...rest, channels: [...selection.fileChannels] } as S;
}

/** Wraps pass 2's event sink so samples and recorded band powers carry only the selected channels. */
export function narrowEvents(
  selection: ChannelSelection,
  onEvent: (e: SourceEvent) => void,
): (e: SourceEvent) => void {
  const { pick } = selection;
  const nFile = selection.fileChannels.length;
  return (e) => {
    if (e.kind === 'samples') {
      onEvent({ ...e, data: pick.map((i) => e.data[i] as Float32Array) });
    } else if (e.kind === 'recorded-bandpowers') {
      const bands = e.absolute.length / nFile;
      const absolute = new Float32Array(bands * pick.length);
      for (let b = 0; b < bands; b++)
        for (let j = 0; j < pick.length; j++)
          absolute[b * pick.length + j] = e.absolute[b * nFile + (pick[j] as number)] as number;
      onEvent({ ...e, absolute });
    } else {
      onEvent(e);
    }
  };
}
