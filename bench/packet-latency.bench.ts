/**
 * Issue 4, benchmark 2: live cost of one 12-sample Muse packet through the whole live chain, as the app wires
 * it: a SampleChunk event → the rxjs band-power operator (filters, window, spectrum, band powers, quality at
 * 10 updates/s, mains notch on, blink/jaw-clench detection flagging the frames) → the dream model. Most packets only filter and stage; about one in 2.1 also
 * completes an update, so p50 is the staging cost and p99 the cost of a packet carrying an update.
 * Ten minutes of signal; the first minute is warm-up and not counted.
 */
import { Subject } from 'rxjs';
import { DreamModel } from '../src/dream/dream-model.ts';
import { toBandPowerFrames } from '../src/pipeline/band-power-frames.ts';
import type { SampleChunk, SourceEvent, SourceInfo } from '../src/source/types.ts';
import { percentile, report, synthChannels } from './synth-data.ts';

const FS = 256;
const SECONDS = 600;
const WARMUP_S = 60;
const PACKET = 12;

const data = synthChannels(SECONDS);
const n = (data[0] as Float32Array).length;
const info: SourceInfo = {
  kind: 'synth',
  label: 'bench',
  channels: ['TP9', 'AF7', 'AF8', 'TP10'],
  sampleRate: FS,
  hasRawEeg: true,
};

// Packets are built before timing, one fresh set of arrays each, as a Bluetooth source delivers them.
const packets: SampleChunk[] = [];
for (let at = 0; at + PACKET <= n; at += PACKET) {
  packets.push({
    kind: 'samples',
    t0: at / FS,
    index: at,
    sampleRate: FS,
    data: data.map((ch) => ch.slice(at, at + PACKET)),
    length: PACKET,
  });
}

const events$ = new Subject<SourceEvent>();
const model = new DreamModel(FS);
let frames = 0;
const subscription = events$.pipe(toBandPowerFrames(info, { mainsHz: 50 })).subscribe((frame) => {
  model.update(frame);
  frames++;
});

const warmup = Math.floor((WARMUP_S * FS) / PACKET);
const costs = new Float64Array(packets.length - warmup);
for (let i = 0; i < packets.length; i++) {
  const t0 = process.hrtime.bigint();
  events$.next(packets[i] as SampleChunk);
  const dt = Number(process.hrtime.bigint() - t0) / 1000;
  if (i >= warmup) costs[i - warmup] = dt;
}
subscription.unsubscribe();
if (frames < SECONDS * 10 - 20) throw new Error(`expected about ${SECONDS * 10} frames, got ${frames}`);

let total = 0;
for (const c of costs) total += c;
report({
  name: 'live_packet_cost_us',
  p50: +percentile(costs, 50).toFixed(2),
  p99: +percentile(costs, 99).toFixed(2),
  max: +percentile(costs, 100).toFixed(1),
  mean: +(total / costs.length).toFixed(2),
  packet_samples: PACKET,
  packets: costs.length,
  budget_us: Math.round((PACKET / FS) * 1e6),
});
