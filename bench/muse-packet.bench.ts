/**
 * Issue 3: per-packet cost of the Muse path. Figure 1 times, packet by packet, what the app does with one
 * 20-byte EEG notification: decode (muse-js's decodeEEGSamples, as MuseClient runs it), then timestamp and
 * gap check (MuseSequenceAssembler.push), on 10 minutes of synthesized 4-electrode packets with 1 % loss and
 * occasional duplicates and reorders, crossing the 16-bit sequence wrap. Figure 2 is the whole path per packet
 * (fake GATT notification → muse-js → bridge → MuseSource) from a virtual-clock run of the emulated headset.
 * Prints one JSON line per figure. Run: `npx tsx bench/muse-packet.bench.ts`.
 */
import { decodeEEGSamples } from 'muse-js/dist/lib/muse-parse.js';
import { encodeEegPacket, installMockMuse, synthFeed } from '../hardware-mocks/muse/index.ts';
import { EegSynthesizer } from '../hardware-mocks/synth/synthesizer.ts';
import { virtualClock } from '../src/source/clock.ts';
import { connectMuse } from '../src/source/muse-source.ts';
import { MuseSequenceAssembler } from '../src/source/muse-sequence.ts';

const SECONDS = 600;
const ELECTRODES = 4;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function packets(): { electrode: number; bytes: Uint8Array }[] {
  const synth = new EegSynthesizer({ seed: 1, timeline: 'demo' });
  const n = SECONDS * 256;
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  const out: { electrode: number; bytes: Uint8Array }[] = [];
  let x = 12345;
  const dice = () => (x = (x * 1103515245 + 12345) >>> 0) / 4294967296;
  let held: { electrode: number; bytes: Uint8Array }[] | null = null;
  for (let k = 0; k < n / 12; k++) {
    if (dice() < 0.01) continue;
    const seq = (0xffff - 1000 + k) & 0xffff;
    const set = Array.from({ length: ELECTRODES }, (_, e) => ({
      electrode: e,
      bytes: encodeEegPacket(seq, data[e] as Float32Array, k * 12),
    }));
    if (!held && dice() < 0.005) {
      held = set;
      continue;
    }
    out.push(...set);
    if (dice() < 0.005) out.push(...set);
    if (held) out.push(...held);
    held = null;
  }
  return out;
}

function perPacket(): void {
  const input = packets();
  let emitted = 0;
  const runs = 3;
  let best: Float64Array | null = null;
  for (let r = 0; r < runs; r++) {
    const assembler = new MuseSequenceAssembler(ELECTRODES, () => emitted++);
    const times = new Float64Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const p = input[i] as { electrode: number; bytes: Uint8Array };
      const t0 = process.hrtime.bigint();
      const view = new DataView(p.bytes.buffer);
      const samples = decodeEEGSamples(p.bytes.subarray(2));
      assembler.push(p.electrode, view.getUint16(0), samples);
      times[i] = Number(process.hrtime.bigint() - t0);
    }
    assembler.flush();
    times.sort();
    if (!best || percentile(times, 0.5) < percentile(best, 0.5)) best = times;
  }
  const t = best as Float64Array;
  process.stdout.write(
    JSON.stringify({
      bench: 'muse-packet',
      figure: 'decode + timestamp + gap check per EEG notification',
      packets: input.length,
      p50_us: +(percentile(t, 0.5) / 1000).toFixed(3),
      p99_us: +(percentile(t, 0.99) / 1000).toFixed(3),
      max_us: +((t[t.length - 1] as number) / 1000).toFixed(1),
      events: emitted / runs,
    }) + '\n',
  );
}

async function wholePath(): Promise<void> {
  const clock = virtualClock();
  const installed = installMockMuse({ clock, batchS: 1, feed: synthFeed({ seed: 2, durationS: SECONDS }) });
  const source = await connectMuse({ kind: 'mock', clock });
  let samples = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  source.events$.subscribe((e) => {
    if (e.kind === 'samples') samples += e.length;
  });
  await installed.muse.done;
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  source.stop();
  installed.uninstall();
  const n = installed.muse.stats.eegPacketsSent;
  process.stdout.write(
    JSON.stringify({
      bench: 'muse-packet',
      figure: 'emulated headset → muse-js → MuseSource, mean per EEG notification (telemetry, IMU included)',
      packets: n,
      samples,
      mean_cpu_us: +((cpu.user + cpu.system) / n).toFixed(2),
      mean_wall_us: +((wallMs * 1000) / n).toFixed(2),
      realtime_factor: Math.round((SECONDS * 1000) / wallMs),
    }) + '\n',
  );
}

perPacket();
await wholePath();
