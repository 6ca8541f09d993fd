/**
 * A Sleep-EDF hypnogram opened beside its recording: which of the files opened together is the hypnogram, and
 * its stages on the recording's session clock (the hypnogram counts from its own header's start time, the
 * session from the recording's first data record).
 */
import {
  hypnogramFrom,
  isEdfScan,
  readAnnotations,
  scanRecording,
  sniffEdf,
  streamToAsyncIterable,
  type Hypnogram,
  type RecordingScan,
  type SleepStage,
} from '../../readers/index.ts';

export interface NamedBlob {
  readonly blob: Blob;
  readonly name: string;
}

const latin1 = new TextDecoder('latin1');

/** An EDF+/BDF+ file whose only signal is "EDF Annotations" / "BDF Annotations": a hypnogram or event list. */
export async function isAnnotationOnlyEdf(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 272).arrayBuffer());
  if (head.length < 272 || !sniffEdf(head)) return false;
  const signals = latin1.decode(head.subarray(252, 256)).trim();
  const label = latin1.decode(head.subarray(256, 272)).trim();
  return signals === '1' && /^(EDF|BDF) Annotations$/.test(label);
}

/** Splits files opened together into the recording to play and the hypnogram beside it (either may be absent). */
export async function sortOpenedFiles(
  files: readonly NamedBlob[],
): Promise<{ recording: NamedBlob | null; hypnogram: NamedBlob | null }> {
  let recording: NamedBlob | null = null;
  let hypnogram: NamedBlob | null = null;
  for (const f of files) {
    if (!hypnogram && (await isAnnotationOnlyEdf(f.blob))) hypnogram = f;
    else recording ??= f;
  }
  return { recording, hypnogram };
}

const STAGE_NAMES: Readonly<Record<SleepStage, string>> = {
  W: 'Wake',
  '1': 'Stage 1',
  '2': 'Stage 2',
  '3': 'Stage 3',
  '4': 'Stage 4',
  R: 'REM',
  '?': 'Not scored',
  M: 'Movement',
};

export function stageName(stage: SleepStage): string {
  return STAGE_NAMES[stage];
}

/** A hypnogram on the session clock, named after its file. */
export interface SessionHypnogram extends Hypnogram {
  readonly file: string;
}

function startMs(scan: RecordingScan): number {
  return scan.startTime ? Date.parse(`${scan.startTime.replace(/Z$/, '')}Z`) : NaN;
}

/**
 * Reads the hypnogram and moves it onto `recording`'s session clock. Files without start times (or with
 * unreadable ones) are taken to start together, as Sleep-EDF's PSG and hypnogram files do.
 */
export async function loadSessionHypnogram(
  file: NamedBlob,
  recording: RecordingScan,
): Promise<SessionHypnogram> {
  const open = () => streamToAsyncIterable(file.blob.stream());
  const [list, scan] = await Promise.all([readAnnotations(file.name, open), scanRecording(file.name, open)]);
  const apart = (startMs(scan) - startMs(recording)) / 1000;
  const shift = (Number.isFinite(apart) ? apart : 0) - (isEdfScan(recording) ? recording.edf.firstOnsetS : 0);
  const hypnogram = hypnogramFrom({
    firstRecordOnsetS: list.firstRecordOnsetS + shift,
    annotations: list.annotations.map((a) => ({ ...a, onsetS: a.onsetS + shift })),
  });
  if (hypnogram.stages.length === 0) {
    throw new Error(`${file.name}: no sleep stages ("Sleep stage W/1/2/3/4/R/?") in its annotations`);
  }
  return Object.assign(hypnogram, { file: file.name });
}
