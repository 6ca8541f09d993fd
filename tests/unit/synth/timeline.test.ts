import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SESSION_NAMES,
  BUILTIN_SESSIONS,
  EegSynthesizer,
  STATE_PARAMS,
  SYNTH_STATE_NAMES,
  type SessionTimeline,
  type SynthState,
} from '../../../hardware-mocks/synth/synthesizer.ts';

const calmThenAnxious: SessionTimeline = {
  segments: [
    { state: 'calm', durationS: 30 },
    { state: 'anxious', durationS: 30, label: 'dread' },
  ],
  crossfadeS: 6,
};

function synth(timeline: SessionTimeline | (typeof BUILTIN_SESSION_NAMES)[number]): EegSynthesizer {
  return new EegSynthesizer({ seed: 1, timeline });
}

describe('stateAt', () => {
  it('gives the pure state inside a segment, with its label', () => {
    const s = synth(calmThenAnxious);
    const calm = s.stateAt(10);
    expect(calm).toMatchObject({
      state: 'calm',
      label: 'calm',
      segmentIndex: 0,
      from: null,
      mix: 1,
      cycle: 0,
    });
    expect(calm.alpha).toBe(STATE_PARAMS.calm.alpha);
    expect(calm.beta).toBe(STATE_PARAMS.calm.beta);
    const anxious = s.stateAt(50);
    expect(anxious).toMatchObject({ state: 'anxious', label: 'dread', segmentIndex: 1, from: null, mix: 1 });
    expect(anxious.alpha).toBe(STATE_PARAMS.anxious.alpha);
    expect(anxious.emg).toBe(STATE_PARAMS.anxious.emg);
  });

  it('crossfades smoothly and monotonically over crossfadeS after a boundary', () => {
    const s = synth(calmThenAnxious);
    const mid = s.stateAt(33);
    expect(mid).toMatchObject({ state: 'anxious', from: 'calm' });
    expect(mid.mix).toBeCloseTo(0.5, 10);
    expect(mid.alpha).toBeCloseTo((STATE_PARAMS.calm.alpha + STATE_PARAMS.anxious.alpha) / 2, 10);
    let prev: SynthState = s.stateAt(29);
    let biggestStep = 0;
    for (let t = 29.01; t <= 37.001; t += 0.01) {
      const cur = s.stateAt(t);
      expect(cur.alpha).toBeLessThanOrEqual(prev.alpha);
      expect(cur.beta).toBeGreaterThanOrEqual(prev.beta);
      biggestStep = Math.max(biggestStep, Math.abs(cur.alpha - prev.alpha), Math.abs(cur.beta - prev.beta));
      prev = cur;
    }
    // A 6 s smoothstep moves at most 1.5× the average rate: (11 − 3.5) µV / 6 s · 1.5 · 0.01 s ≈ 0.019 µV.
    expect(biggestStep).toBeLessThan(0.02);
    expect(s.stateAt(36).mix).toBe(1);
  });

  it('steps at the boundary when crossfadeS is 0', () => {
    const s = synth({ ...calmThenAnxious, crossfadeS: 0 });
    expect(s.stateAt(29.999).alpha).toBe(STATE_PARAMS.calm.alpha);
    expect(s.stateAt(30).alpha).toBe(STATE_PARAMS.anxious.alpha);
  });

  it('repeats a looping timeline, fading from its last segment into its first', () => {
    const s = synth({ ...calmThenAnxious, loop: true });
    expect(s.durationS).toBe(Infinity);
    expect(s.totalSamples).toBe(Infinity);
    expect(s.stateAt(0)).toMatchObject({ state: 'calm', from: null, mix: 1, cycle: 0 });
    expect(s.stateAt(60)).toMatchObject({ state: 'calm', from: 'anxious', mix: 0, cycle: 1 });
    const a = s.stateAt(75.5);
    const b = s.stateAt(135.5);
    expect(b.cycle).toBe(a.cycle + 1);
    expect({ ...b, t: 0, cycle: 0 }).toEqual({ ...a, t: 0, cycle: 0 });
  });

  it('rejects times outside the session', () => {
    const s = synth(calmThenAnxious);
    expect(s.stateAt(60).state).toBe('anxious');
    expect(() => s.stateAt(60.01)).toThrow(/stateAt: t = 60.01 s is past the end of the 60 s timeline/);
    expect(() => s.stateAt(-1)).toThrow(/stateAt: t must be a finite number ≥ 0 s \(got -1\)/);
    expect(() => s.stateAt(Number.NaN)).toThrow(/stateAt: t must be a finite number/);
  });
});

describe('built-in sessions', () => {
  it('all compile and have the promised shape', () => {
    for (const name of BUILTIN_SESSION_NAMES) {
      const s = synth(name);
      expect(s.durationS > 0, name).toBe(true);
    }
    const car = synth('calm-anxious-recovery');
    const states = BUILTIN_SESSIONS['calm-anxious-recovery'].segments.map((seg) => seg.state);
    expect(states).toEqual(['calm', 'anxious', 'calm']);
    expect(car.stateAt(car.durationS - 1).label).toBe('recovery');
    expect(synth('drowsy').stateAt(synth('drowsy').durationS - 1).state).toBe('drowsy');
    expect(BUILTIN_SESSIONS.chaotic.events?.some((e) => e.kind === 'contact-loss')).toBe(true);
    // Shared by every caller, so nobody may edit them in place.
    expect(Object.isFrozen(BUILTIN_SESSIONS.demo.segments)).toBe(true);
    expect(Object.isFrozen(BUILTIN_SESSIONS.demo.segments[0])).toBe(true);
  });

  it('demo loops through calm, dread, wonder, drowsy and a glitch with contact loss', () => {
    const demo = BUILTIN_SESSIONS.demo;
    expect(demo.loop).toBe(true);
    expect(synth('demo').durationS).toBe(Infinity);
    const labels = demo.segments.map((seg) => seg.label ?? seg.state);
    expect(labels).toEqual(expect.arrayContaining(['calm', 'dread', 'wonder', 'drowsy', 'glitch']));
    const states = new Set(demo.segments.map((seg) => seg.state));
    for (const st of ['calm', 'anxious', 'deep-relaxation', 'drowsy', 'chaotic'] as const)
      expect(states.has(st)).toBe(true);
    expect(demo.events?.some((e) => e.kind === 'contact-loss')).toBe(true);
  });
});

describe('invalid options', () => {
  const ok: SessionTimeline = { segments: [{ state: 'calm', durationS: 10 }] };
  const bad = (timeline: unknown, message: RegExp): void => {
    expect(() => new EegSynthesizer({ seed: 1, timeline: timeline as SessionTimeline })).toThrow(message);
  };

  it('reject bad timelines with specific messages', () => {
    bad({ segments: [] }, /timeline.segments must be a non-empty array/);
    bad({}, /timeline.segments must be a non-empty array/);
    bad('nope', /unknown built-in session 'nope' \(known: calm-anxious-recovery, drowsy, chaotic, demo\)/);
    bad(42, /timeline must be a built-in session name or a \{ segments \} object/);
    bad(
      { segments: [{ state: 'calm', durationS: -5 }] },
      /segment 0 \(calm\): durationS must be a finite number > 0 s \(got -5\)/,
    );
    bad({ segments: [{ state: 'calm', durationS: 0 }] }, /durationS must be a finite number > 0 s \(got 0\)/);
    bad({ segments: [{ state: 'calm', durationS: Infinity }] }, /durationS must be a finite number > 0 s/);
    bad(
      { segments: [ok.segments[0], { state: 'happy', durationS: 5 }] },
      /segment 1: unknown state 'happy' \(known: neutral, calm/,
    );
    bad({ ...ok, crossfadeS: -1 }, /crossfadeS must be a finite number ≥ 0 s \(got -1\)/);
    bad({ ...ok, loop: 'yes' }, /timeline.loop must be a boolean/);
  });

  it('reject bad scripted events with specific messages', () => {
    const ev = (e: object): unknown => ({ ...ok, events: [e] });
    bad(
      ev({ t: 1, kind: 'sneeze' }),
      /event 0: unknown kind 'sneeze' \(known: blink, eye-roll, jaw, motion, contact-loss\)/,
    );
    bad(ev({ t: 10, kind: 'blink' }), /event 0 \(blink\): t must be within \[0, 10\) s/);
    bad(ev({ t: -1, kind: 'blink' }), /t must be within \[0, 10\) s.*got -1/);
    bad(
      ev({ t: 1, kind: 'jaw', durationS: -2 }),
      /event 0 \(jaw\): durationS must be a finite number > 0 s \(got -2\)/,
    );
    bad(ev({ t: 1, kind: 'blink', channel: 'AF7' }), /channel applies only to 'jaw' and 'contact-loss'/);
    bad(
      ev({ t: 1, kind: 'contact-loss', channel: 'Cz' }),
      /unknown channel 'Cz' \(channels: TP9, AF7, AF8, TP10\)/,
    );
    bad(
      ev({ t: 1, kind: 'contact-loss', mode: 'melt' }),
      /unknown contact-loss mode 'melt' \(known: rail, flat, drift\)/,
    );
    bad(ev({ t: 1, kind: 'blink', mode: 'rail' }), /mode applies only to 'contact-loss'/);
    bad(ev({ t: 1, kind: 'blink', amplitudeUv: 0 }), /amplitudeUv must be a finite number > 0 µV/);
    bad(ev({ t: 1, kind: 'contact-loss', amplitudeUv: 5 }), /contact-loss takes no amplitudeUv/);
  });

  it('reject bad synthesizer options with specific messages', () => {
    const make = (o: object) => () => new EegSynthesizer({ seed: 1, timeline: ok, ...o });
    expect(make({ sampleRate: 0 })).toThrow(/sampleRate must be a finite number ≥ 128 Hz \(got 0\)/);
    expect(make({ sampleRate: -256 })).toThrow(/sampleRate must be a finite number ≥ 128 Hz \(got -256\)/);
    expect(make({ sampleRate: Number.NaN })).toThrow(/sampleRate must be a finite number/);
    expect(make({ mainsHz: 55 })).toThrow(/mainsHz must be 50, 60 or null \(got 55\)/);
    expect(make({ channels: [] })).toThrow(/channels must be a non-empty array/);
    expect(make({ channels: ['TP9', 'TP9'] })).toThrow(/channel 'TP9' is listed twice/);
    expect(make({ channels: ['TP9', ''] })).toThrow(/channel names must be non-empty strings/);
    expect(make({ seed: 0.5 })).toThrow(/seed must be a safe integer \(got 0.5\)/);
    expect(() => new EegSynthesizer(undefined as never)).toThrow(/needs an options object/);
  });

  it('knows every state it names', () => {
    for (const state of SYNTH_STATE_NAMES) {
      const s = synth({ segments: [{ state, durationS: 1 }] });
      expect(s.stateAt(0.5).state).toBe(state);
    }
  });
});
