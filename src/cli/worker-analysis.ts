/**
 * The DSP of `neurosleep analyze` in a worker thread, for binary recordings (EDF, BDF): the worker reads the file
 * and runs the band-power engine and artifact flags, posting packed frames; the calling thread keeps the dream
 * model and the output, about half the work. (Text recordings are split differently: their parsing alone costs
 * as much as the engine, so it is the parsing that moves, worker-read.ts.) Frames, losses and their order are
 * exactly those of framesInThread.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { BandPowerUpdate } from '../../dsp/band-power-engine.ts';
import type { FlaggedBandPowers } from '../../dsp/flagged-band-powers.ts';
import type { FrameStage, OfflineAnalysisOptions } from '../analysis/offline-analysis.ts';
import { bandNamesOf, flaggedEngineFor } from '../pipeline/band-power-frames.ts';
import { readRecording, type ParseSummary, type RecordingScan } from '../readers/index.ts';
import { FrameUnpacker, frameStride, packUpdate } from './packed-frames.ts';
import { openFile } from './node-io.ts';
import { BatchSender, BatchWorker, Stopped, requestOf, type BatchWorkerData } from './worker-batches.ts';

const ROLE = 'neurosleep-dsp';
/** Frames per batch at most: 64 s of updates at 10 per second. */
const BATCH_FRAMES = 640;

type EngineOptions = Pick<OfflineAnalysisOptions, 'mainsHz' | 'mainsHarmonics' | 'shape'>;

interface DspStart {
  readonly file: string;
}

interface DspRequest {
  readonly scan: RecordingScan;
  readonly options: EngineOptions;
}

/** A batch: `count` packed frames, and the gaps, each placed before frame `at` of the batch. */
interface FrameBatch {
  readonly bands: readonly string[];
  readonly frames: Float64Array<ArrayBuffer>;
  readonly count: number;
  readonly gaps: readonly { readonly at: number; readonly t: number; readonly missingSamples: number }[];
}

/**
 * The engine of one recording file in a worker thread, started before the file is scanned so that it loads
 * while this thread scans. {@link stage} computes the frames of a raw-EEG scan there; `onEvent`
 * is not supported (the events stay in the worker): a caller that needs them runs framesInThread.
 */
export class DspWorker {
  private readonly worker: BatchWorker<DspRequest, FrameBatch, ParseSummary>;

  constructor(private readonly file: string) {
    const start: DspStart = { file };
    this.worker = new BatchWorker(import.meta.url, ROLE, start);
  }

  readonly stage: FrameStage = async (scan, options, sink) => {
    if (!scan.hasRawEeg) throw new Error(`${this.file}: the DSP worker needs raw EEG`);
    if (options.onEvent) throw new Error('the DSP worker does not hand out source events');
    const { mainsHz, mainsHarmonics, shape } = options;
    const request: DspRequest = {
      scan,
      options: {
        ...(mainsHz !== undefined ? { mainsHz } : {}),
        ...(mainsHarmonics !== undefined ? { mainsHarmonics } : {}),
        ...(shape !== undefined ? { shape } : {}),
      },
    };
    let unpacker: FrameUnpacker | null = null;
    return this.worker.run(request, async (batch) => {
      unpacker ??= new FrameUnpacker(batch.bands, scan.channels, options.reuseFrames ?? false);
      let g = 0;
      const gaps = batch.gaps;
      for (let k = 0; k < batch.count; k++) {
        for (; g < gaps.length && (gaps[g] as FrameBatch['gaps'][number]).at <= k; g++) {
          const gap = gaps[g] as FrameBatch['gaps'][number];
          sink.lost(gap.t, gap.missingSamples);
        }
        sink.frame(unpacker.frame(batch.frames, k));
      }
      for (; g < gaps.length; g++) {
        const gap = gaps[g] as FrameBatch['gaps'][number];
        sink.lost(gap.t, gap.missingSamples);
      }
      await options.afterEvent?.();
    });
  };

  /** Stops the worker if its stage never ran. */
  dispose(): Promise<void> {
    return this.worker.dispose();
  }
}

/** The worker's side: pass 2 through the engine, frames posted in batches. */
async function serve(data: BatchWorkerData & DspStart): Promise<void> {
  const { scan, options } = await requestOf<DspRequest>();
  const sender = new BatchSender<FrameBatch, ParseSummary>(data);
  let engine: FlaggedBandPowers;
  try {
    engine = flaggedEngineFor(scan.sampleRate, scan.channels, options);
  } catch (err) {
    sender.fail(err);
    return;
  }
  const bands = bandNamesOf(engine);
  const stride = frameStride(bands.length, scan.channels.length);
  let frames = new Float64Array(BATCH_FRAMES * stride);
  let count = 0;
  let gaps: { at: number; t: number; missingSamples: number }[] = [];
  const batch = (): FrameBatch => ({ bands, frames, count, gaps });
  const send = () => {
    const full = batch();
    frames = new Float64Array(BATCH_FRAMES * stride);
    count = 0;
    gaps = [];
    sender.send(full, [full.frames.buffer]);
  };
  const onUpdate = (u: BandPowerUpdate, artifact: boolean) => {
    // A block of samples can end several windows: the batch is sent when it fills, mid-block if need be.
    if (count === BATCH_FRAMES) send();
    packUpdate(frames, count++, u, artifact, stride);
  };
  try {
    const summary = await readRecording(scan, openFile(data.file), (e) => {
      if (e.kind === 'samples') engine.push(e.data, e.length, onUpdate);
      else if (e.kind === 'gap') {
        engine.gap(e.missingSamples);
        gaps.push({ at: count, t: e.t, missingSamples: e.missingSamples });
        if (gaps.length === BATCH_FRAMES) send();
      }
    });
    if (count > 0 || gaps.length > 0) send();
    sender.end({ type: 'done', done: summary });
  } catch (err) {
    if (err instanceof Stopped) return;
    // Frames before a bad row first, then the error, as framesInThread delivers them.
    if (count > 0 || gaps.length > 0) sender.sendLast(batch(), [frames.buffer]);
    sender.fail(err);
  }
}

const data = isMainThread ? null : (workerData as Partial<BatchWorkerData & DspStart> | null);
if (data?.role === ROLE) void serve(data as BatchWorkerData & DspStart);
