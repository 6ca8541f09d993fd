/**
 * Issue 8: an overnight EDF (8 h, two EEG channels at 100 Hz like Sleep-EDF, written with the EDF+ writer into the
 * OS temp directory and deleted after) replayed through the app's source path (openRecordingSource) into a
 * DreamSession (band powers, dream model), as the app plays it. Two figures, wall clock:
 *
 * - `replay_8h_max`: a clock that never waits: how fast the whole path can go (× real time, by wall and by CPU
 *   time: on a shared machine the CPU figure says whether the pipeline itself keeps up).
 * - `replay_8h_at_1000x`: the app's ControlledClock at 1000×: the wall time it takes (28.8 s if the pipeline keeps
 *   up) and the speed reached. Peak RSS is sampled every 100 ms. `NEUROSLEEP_BENCH_HOURS` changes the length.
 */
import { rmSync } from 'node:fs';
import { DreamSession } from '../src/pipeline/dream-session.ts';
import { ControlledClock, type PlaybackClock } from '../src/source/clock.ts';
import { openRecordingSource } from '../src/source/recording-source.ts';
import { fileOpener, writeOvernightEdf } from '../tests/helpers/overnight-edf.ts';
import { report } from './synth-data.ts';

const hours = Number(process.env.NEUROSLEEP_BENCH_HOURS ?? 8);
const RATE_HZ = 100;

const immediate: PlaybackClock = { now: () => 0, waitUntil: () => Promise.resolve() };

async function replay(path: string, clock: PlaybackClock) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const source = await openRecordingSource('overnight.edf', fileOpener(path), { clock });
  const session = new DreamSession(source);
  await new Promise<void>((resolve, reject) => {
    session.status$.subscribe((s) => {
      if (s.state === 'ended') resolve();
      if (s.state === 'error') reject(new Error(s.reason));
    });
  });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const durationS = source.scan.durationS;
  const result = {
    durationS,
    samples: session.stats.samplesReceived,
    wallS: Math.round(wallS * 100) / 100,
    timesRealTime: Math.round(durationS / wallS),
    cpuS: Math.round(cpuS * 100) / 100,
    timesRealTimeCpu: Math.round(durationS / cpuS),
    peakRssMb: Math.round(peakRss / 1e6),
    finalDream: session.dream$.value.state,
  };
  session.source.stop();
  return result;
}

const { path, bytes } = writeOvernightEdf({ hours, rateHz: RATE_HZ });
try {
  process.stderr.write(`replay: ${hours} h EDF+, ${(bytes / 1e6).toFixed(1)} MB at ${path}\n`);
  report({
    figure: `replay_${hours}h_max`,
    clock: 'wall',
    fileMb: Math.round(bytes / 1e6),
    ...(await replay(path, immediate)),
  });
  const clock = new ControlledClock(0);
  clock.setRate(1000);
  report({
    figure: `replay_${hours}h_at_1000x`,
    clock: 'wall',
    target: 1000,
    ...(await replay(path, clock)),
  });
} finally {
  rmSync(path, { force: true });
}
