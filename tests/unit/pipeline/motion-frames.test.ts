/** Head motion from a Muse's accelerometer folded into the band-power frames' artifact flag, end to end. */
import { describe, expect, it } from 'vitest';
import type { ArtifactEvent } from '../../../dsp/artifacts.ts';
import { installMockMuse, synthFeed, type HeadMotion } from '../../../hardware-mocks/muse/index.ts';
import { flaggedEngineFor } from '../../../src/pipeline/band-power-frames.ts';
import { DreamSession } from '../../../src/pipeline/dream-session.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import { connectMuse } from '../../../src/source/muse-source.ts';
import type { EegSource, GapMarker, SampleChunk, SourceInfo } from '../../../src/source/types.ts';

const SECONDS = 30;
const WINDOW_S = 1;
const NODS: HeadMotion[] = [
  { atS: 9, durationS: 1, peakG: 0.3 },
  { atS: 20.5, durationS: 0.8, peakG: 0.15 },
];

interface Run {
  frames: BandPowerFrame[];
  motion: ArtifactEvent[];
  chunks: (SampleChunk | GapMarker)[];
  info: SourceInfo;
}

/** A DreamSession on the mock Muse (Muse 2, seeded demo EEG); `hideImu` gives the session a source without one. */
async function run(headMotion: HeadMotion[], hideImu: boolean): Promise<Run> {
  const clock = virtualClock();
  const installed = installMockMuse({
    batchS: 0.5,
    feed: synthFeed({ seed: 2, durationS: SECONDS }),
    clock,
    model: 'Muse 2',
    faults: { headMotion },
  });
  try {
    const muse = await connectMuse({ kind: 'mock', clock });
    const source: EegSource = hideImu
      ? { info: muse.info, events$: muse.events$, status$: muse.status$, stop: () => muse.stop() }
      : muse;
    const session = new DreamSession(source);
    const frames: BandPowerFrame[] = [];
    const motion: ArtifactEvent[] = [];
    const chunks: (SampleChunk | GapMarker)[] = [];
    session.frames$.subscribe((f) => frames.push(f));
    session.artifacts$.subscribe((e) => {
      if (e.kind === 'motion') motion.push(e);
    });
    session.events$.subscribe((e) => {
      if (e.kind === 'samples' || e.kind === 'gap') chunks.push(e);
    });
    await installed.muse.done;
    session.stop();
    return { frames, motion, chunks, info: muse.info };
  } finally {
    installed.uninstall();
  }
}

describe('DreamSession: frames overlapping head motion are flagged as artifacts', () => {
  it('a frame overlapping an injected nod is flagged, frames away from it are as without the IMU', async () => {
    const withImu = await run(NODS, false);
    const withoutImu = await run(NODS, true);
    expect(withImu.motion).toHaveLength(NODS.length);
    expect(withoutImu.motion).toHaveLength(0);
    expect(withImu.frames.map((f) => f.t)).toEqual(withoutImu.frames.map((f) => f.t));
    expect(withImu.frames.length).toBeGreaterThan((SECONDS - 2) * 10);
    let added = 0;
    withImu.frames.forEach((f, i) => {
      const before = withoutImu.frames[i] as BandPowerFrame;
      // The band powers themselves do not change; only the flag does.
      expect(f.absolute).toEqual(before.absolute);
      const near = NODS.some((n) => f.t > n.atS - 0.2 && f.t - WINDOW_S < n.atS + n.durationS + 0.2);
      if (!near) expect(f.artifact).toBe(before.artifact);
      // Windows holding the middle of a nod, whatever the IMU's lag, must be flagged.
      const core = NODS.some((n) => f.t > n.atS + 0.15 && f.t - WINDOW_S < n.atS + n.durationS - 0.15);
      if (core) expect(f.artifact).toBe(true);
      if (f.artifact && !before.artifact) added++;
      if (f.artifact !== before.artifact) expect(near).toBe(true);
    });
    expect(added).toBeGreaterThan(20);
    console.log(
      `motion in frames: nods at ${NODS.map((n) => n.atS).join(', ')} s flagged ${added} more of ` +
        `${withImu.frames.length} frames`,
    );
  });

  it('a source without an IMU gets the frames the EEG alone gives, as before', async () => {
    const r = await run(NODS, true);
    const flagged = flaggedEngineFor(r.info.sampleRate, r.info.channels, {});
    const expected: { t: number; artifact: boolean; alpha: number }[] = [];
    for (const c of r.chunks) {
      if (c.kind === 'gap') flagged.gap(c.missingSamples);
      else
        flagged.push(c.data, c.length, (u, artifact) =>
          expected.push({ t: u.t, artifact, alpha: u.meanAbsolute[2] as number }),
        );
    }
    expect(expected.length).toBeGreaterThan(250);
    expect(r.frames.map((f) => ({ t: f.t, artifact: f.artifact, alpha: f.meanAbsolute[2] }))).toEqual(
      expected,
    );
  });

  it('a Muse at rest flags nothing more than its EEG does', async () => {
    const still = await run([], false);
    const eegOnly = await run([], true);
    expect(still.motion).toHaveLength(0);
    expect(still.frames.map((f) => f.artifact)).toEqual(eegOnly.frames.map((f) => f.artifact));
  });
});
