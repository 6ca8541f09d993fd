/**
 * What the two passes over a recording produce: the scan (format, channels, rate, everything the second pass
 * needs) and the parse summary (exact sample count, gaps and zero-filled runs, known only after pass 2).
 * Both are plain data, so a scan can be posted to a worker or written as JSON.
 */
import type { ChannelSelection } from './channel-selection.ts';
import type { RecordingErrorInfo } from './recording-error.ts';

export type CsvRecordingFormat = 'mind-monitor' | 'muse-lsl';
/** European Data Format (16-bit, EDF and EDF+) and BioSemi's 24-bit variant (BDF and BDF+). */
export type EdfRecordingFormat = 'edf' | 'bdf';
export type RecordingFormat = CsvRecordingFormat | EdfRecordingFormat | 'openbci' | 'brainflow';
export type MuseLslLayout = 'record' | 'record_direct';
/** EDF+C/BDF+C are continuous, EDF+D/BDF+D may have gaps between data records; plain EDF/BDF have no TAL. */
export type EdfVariant = 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF' | 'BDF+C' | 'BDF+D';

/** What a signal is, for channel selection: only 'eeg' signals are picked by default. */
export type EdfSignalRole = 'eeg' | 'other' | 'annotations';

/** One signal of an EDF/BDF header, fields as the file states them (labels trimmed of padding). */
export interface EdfSignal {
  /** 0-based position in the header. */
  readonly index: number;
  readonly label: string;
  readonly transducer: string;
  readonly physicalDimension: string;
  readonly physicalMin: number;
  readonly physicalMax: number;
  readonly digitalMin: number;
  readonly digitalMax: number;
  readonly prefiltering: string;
  readonly samplesPerRecord: number;
  /** samplesPerRecord / record duration; 0 when the record duration is 0 (annotation-only files). */
  readonly sampleRate: number;
  readonly role: EdfSignalRole;
}

/** Layout of an EDF/BDF file for pass 2; built by the scan, not meant to be edited. */
export interface EdfPlan {
  readonly variant: EdfVariant;
  readonly bytesPerSample: 2 | 3;
  /** The fixed 256-byte header part as latin1 text, so pass 2 can tell if the file changed under it. */
  readonly header: string;
  readonly headerBytes: number;
  readonly recordDurationS: number;
  readonly recordBytes: number;
  /** 'number of data records' as the header states it; -1 means unknown (a recording still in progress). */
  readonly recordsClaimed: number;
  /** Complete data records found in the file. */
  readonly records: number;
  readonly patient: string;
  readonly recording: string;
  readonly signals: readonly EdfSignal[];
  /** Signal indices streamed as channels, in `channels` order. */
  readonly selected: readonly number[];
  readonly annotationSignals: readonly number[];
  /** Onset of the first data record (s after the header's start time); session time 0 is this instant. */
  readonly firstOnsetS: number;
  /** The file went through a text-mode transfer (CR before every LF): pass 2 removes those CRs. */
  readonly crlfRepaired: boolean;
}

/** Column roles and constants for pass 2; built by the scan, not meant to be edited. */
export interface ReadPlan {
  /** The header line as decoded, so pass 2 can tell if the file changed under it. */
  readonly header: string;
  readonly columns: readonly string[];
  /** Rows may lack the last field when that column is optional (Mind Monitor's trailing Elements). */
  readonly minFields: number;
  readonly timeColumn: number;
  /** One column per entry of `channels`. */
  readonly eegColumns: readonly number[];
  /** A row is a data row when any of these fields is non-empty (Mind Monitor event rows fill only
   * TimeStamp and Elements); empty for muse-lsl, where every row is a sample. */
  readonly dataColumns: readonly number[];
  /** muse-lsl `Marker*` columns. */
  readonly markerColumns: readonly number[];
  /** Mind Monitor `Elements`, or -1. */
  readonly elementsColumn: number;
  /** Mind Monitor band columns, band-major `[b * channels + c]`, -1 where absent. */
  readonly bandColumns: readonly number[];
  /** 'clock' for Mind Monitor TimeStamps, 'seconds' for epoch/LSL seconds. */
  readonly timeKind: 'seconds' | 'clock';
  /** Subtracted from every EEG value: Mind Monitor RAW sits on 0..1682.815 µV, muse-js/muse-lsl on zero. */
  readonly eegOffsetUv: number;
  /** Timestamps this far ahead of the sample clock mean samples were lost. */
  readonly gapThresholdS: number;
}

/** Contact quality that Mind Monitor records beside the EEG (fractions of data rows). */
export interface HeadsetQuality {
  /** Fraction of rows with HeadBandOn = 1; NaN when the column is absent. */
  readonly headbandOnFraction: number;
  /** Per channel, fraction of rows with HSI 1 (good), 2 (ok), 4 (bad). NaN when the column is absent. */
  readonly hsiGood: number[];
  readonly hsiOk: number[];
  readonly hsiBad: number[];
  /** Battery % on the first and last rows that have it; NaN when never present. */
  readonly batteryFirst: number;
  readonly batteryLast: number;
}

interface RecordingScanBase {
  readonly file: string;
  /** EEG channel names in output order (TP9, AF7, AF8, TP10 for a Muse); AUX columns are not channels. */
  readonly channels: string[];
  /** Rate of `SampleChunk`s: a nominal Muse rate (256, 220) when the whole-file rate, with samples lost in
   * gaps counted back, is within 5 % of it; otherwise the measured rate. For 1 row/s files the row rate. */
  readonly sampleRate: number;
  /** (rows - 1) / (last timestamp - first), over the whole file. */
  readonly measuredRate: number;
  /** False for 1 row/s Mind Monitor files: pass 2 then emits `RecordedBandPowers`, no samples. */
  readonly hasRawEeg: boolean;
  /** Band names of `RecordedBandPowers` (only when `hasRawEeg` is false). */
  readonly bands?: string[];
  /** Data rows (samples, or band-power rows); event-only rows are counted in `markers`. */
  readonly rows: number;
  readonly markers: number;
  /** Time the file's clock covers, first to last data row plus one period. Pass 2 gives the exact sample-clock
   * duration, gaps included, in {@link ParseSummary.durationS}. */
  readonly durationS: number;
  /** Wall-clock time of the first row when the file has one (ISO 8601, without zone for Mind Monitor). */
  readonly startTime?: string;
  /** Columns read as neither EEG, time nor markers (e.g. Right AUX, Accelerometer_X, Mellow). */
  readonly ignoredColumns: string[];
  /** Rows whose timestamp is earlier than one before it (LSL jitter): harmless, time comes from the index. */
  readonly backwardSteps: number;
  readonly quality?: HeadsetQuality;
  /** For the user, e.g. why band powers come from the file. */
  readonly note?: string;
  readonly warnings: string[];
  /** The first malformed row. The scan stops there; pass 2 delivers every event before it, then throws it. */
  readonly error?: RecordingErrorInfo; /** Table formats only: the file's channels when `channels` is a selection of them (channel-selection.ts). */
  readonly selection?: ChannelSelection;
}

export interface CsvRecordingScan extends RecordingScanBase {
  readonly format: CsvRecordingFormat;
  readonly layout?: MuseLslLayout;
  readonly plan: ReadPlan;
}

/**
 * An EDF/EDF+/BDF/BDF+ scan. `channels` are the selected signals' own labels (e.g. `EEG Fpz-Cz`, `O1..`), all at
 * one rate, `sampleRate`. Signals at other rates are listed in `ignoredColumns` (with their rates) and not
 * streamed. `rows` counts samples per channel, `markers` annotations (record time-keeping TALs excluded).
 */
export interface EdfRecordingScan extends RecordingScanBase {
  readonly format: EdfRecordingFormat;
  readonly layout: EdfVariant;
  readonly edf: EdfPlan;
}

/** Columns of a table recording (OpenBCI GUI) for pass 2. */
export interface TablePlan {
  /** The `%` lines and the column header line, so pass 2 can tell if the file changed under it. */
  readonly header: string;
  readonly columns: number;
  readonly eegColumns: readonly number[];
}

/** An OpenBCI GUI `.txt` scan: rate and channel count from its `%` header lines. */
export interface OpenBciRecordingScan extends RecordingScanBase {
  readonly format: 'openbci';
  readonly layout?: undefined;
  readonly table: TablePlan;
}

/** A BrainFlow Muse recording (tab-separated, no header); `board` names the column layout found. */
export interface BrainFlowRecordingScan extends RecordingScanBase {
  readonly format: 'brainflow';
  readonly layout?: undefined;
  readonly board: string;
}

export type RecordingScan =
  CsvRecordingScan | EdfRecordingScan | OpenBciRecordingScan | BrainFlowRecordingScan;

export interface ParseSummary {
  /** Data rows read (as in the scan). */
  readonly rows: number;
  /** Samples on the sample clock: rows plus samples missing in gaps (0 for 1 row/s files). */
  readonly sampleCount: number;
  /** `sampleCount / sampleRate`; for 1 row/s files the scan's duration. */
  readonly durationS: number;
  readonly gaps: number;
  readonly gapSamples: number;
  /** Runs of 12 or more exact zeros on one channel, emitted as NaN. */
  readonly zeroFilledRuns: number;
  readonly zeroFilledSamples: number;
  readonly markers: number;
  /** EEG (or band) fields that were empty, NaN or ±Infinity, emitted as NaN. */
  readonly missingValues: number;
  /** Rows with neither data nor an event (e.g. a Mind Monitor row with empty RAW and no Elements). */
  readonly skippedRows: number;
  /** Times the sample clock was re-anchored because timestamps jumped back for more than a second. */
  readonly clockResets: number;
  readonly warnings: string[];
}
