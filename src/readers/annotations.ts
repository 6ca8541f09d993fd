/**
 * EDF+/BDF+ annotations as a list, and Sleep-EDF hypnograms (`Sleep stage W/1/2/3/4/R/?`, `Movement time`) as
 * stages with onset and duration: what a timeline or a hypnogram track draws. Reads only the annotation
 * signals' bytes; the file streams through, so a signal file works as well as an annotation-only one.
 */
import { recordAnnotations } from './edf-reader.ts';
import { EdfWalker } from './edf-walker.ts';
import { RecordingError } from './recording-error.ts';

export interface Annotation {
  /** Seconds after the header's start time (EDF+ onsets). */
  readonly onsetS: number;
  /** null when the annotation states no duration. */
  readonly durationS: number | null;
  readonly text: string;
}

export interface AnnotationList {
  /** Onset of the first data record: session time 0 of the recording this file belongs to. */
  readonly firstRecordOnsetS: number;
  readonly annotations: Annotation[];
}

/** R&K stages as Sleep-EDF writes them; 'M' is movement time, '?' a stage not scored. */
export type SleepStage = 'W' | '1' | '2' | '3' | '4' | 'R' | '?' | 'M';

export interface HypnogramStage {
  readonly stage: SleepStage;
  readonly onsetS: number;
  readonly durationS: number;
}

export interface Hypnogram {
  readonly stages: HypnogramStage[];
  /** Annotations that are not sleep stages (lights off, arousals, …), kept as they are. */
  readonly other: Annotation[];
  /** The stage scored at `t` s after the start time, or null outside every stage. */
  stageAt(t: number): SleepStage | null;
}

export async function readAnnotations(
  file: string,
  open: () => AsyncIterable<Uint8Array>,
): Promise<AnnotationList> {
  const annotations: Annotation[] = [];
  let firstRecordOnsetS = NaN;
  const walker = new EdfWalker(file, false, {
    header(h) {
      if (!h.signals.some((s) => s.role === 'annotations')) {
        throw new RecordingError({
          file,
          line: 0,
          byteOffset: 256,
          field: 'label',
          expected: 'an "EDF Annotations" signal (an EDF+ or BDF+ file)',
          found: `only ${h.signals.map((s) => JSON.stringify(s.label)).join(', ')}`,
        });
      }
      return [];
    },
    record(record) {
      const first = record.tals[0]?.[0];
      if (firstRecordOnsetS !== firstRecordOnsetS) {
        firstRecordOnsetS = first && first.texts[0] === '' ? first.onsetS : 0;
      }
      for (const { tal, text } of recordAnnotations(record.tals)) {
        annotations.push({ onsetS: tal.onsetS, durationS: tal.durationS, text });
      }
    },
  });
  for await (const bytes of open()) walker.push(bytes);
  if (!walker.headerDone) throw walker.headerTruncated();
  return { firstRecordOnsetS: firstRecordOnsetS === firstRecordOnsetS ? firstRecordOnsetS : 0, annotations };
}

const STAGE = /^Sleep stage (W|1|2|3|4|R|\?)$/;

export function hypnogramFrom(list: AnnotationList): Hypnogram {
  const stages: HypnogramStage[] = [];
  const other: Annotation[] = [];
  for (const a of list.annotations) {
    const m = STAGE.exec(a.text.trim());
    const stage = m ? (m[1] as SleepStage) : a.text.trim() === 'Movement time' ? 'M' : null;
    if (stage === null || a.durationS === null) other.push(a);
    else stages.push({ stage, onsetS: a.onsetS, durationS: a.durationS });
  }
  stages.sort((x, y) => x.onsetS - y.onsetS);
  return {
    stages,
    other,
    stageAt(t) {
      // Binary search for the last stage starting at or before t.
      let lo = 0;
      let hi = stages.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((stages[mid] as HypnogramStage).onsetS <= t) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const s = stages[found];
      return s && t < s.onsetS + s.durationS ? s.stage : null;
    },
  };
}

/** Reads a Sleep-EDF style hypnogram (or any EDF+ file's sleep-stage annotations). */
export async function readHypnogram(file: string, open: () => AsyncIterable<Uint8Array>): Promise<Hypnogram> {
  return hypnogramFrom(await readAnnotations(file, open));
}
