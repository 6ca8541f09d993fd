import { describe, expect, it } from 'vitest';
import {
  RAIL_HIGH_UV,
  RAIL_LOW_UV,
  type ScriptedEvent,
  type SynthEvent,
  type SynthStateName,
} from '../../../hardware-mocks/synth/synthesizer.ts';
import { bandPower, channel, maxAbs, record, rms, slice, welch, type Recording } from './helpers.ts';

const FS = 256;

/** Same seed and state with and without the scripted events: the difference is the artifact alone. */
function withAndWithout(events: readonly ScriptedEvent[], state: SynthStateName = 'calm') {
  const segments = [{ state, durationS: 30 }];
  const on = record({ seed: 17, timeline: { segments, events, randomArtifacts: false } });
  const off = record({ seed: 17, timeline: { segments, randomArtifacts: false } });
  const diff = (name: string): Float32Array => {
    const a = channel(on, name);
    const b = channel(off, name);
    return a.map((v, i) => v - (b[i] as number));
  };
  return { on, off, diff };
}

function nonZeroRange(x: Float32Array): [number, number] {
  let first = -1;
  let last = -1;
  x.forEach((v, i) => {
    if (v !== 0) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return [first, last];
}

describe('blinks', () => {
  it('a scripted blink is a positive 100–300 µV bump on AF7/AF8, small at TP9/TP10, only at its time', () => {
    const { on, diff } = withAndWithout([{ t: 5, kind: 'blink' }]);
    const ev = on.synth.events.find((e) => e.kind === 'blink') as SynthEvent;
    expect(ev).toMatchObject({ t: 5, kind: 'blink', scripted: true, channels: ['AF7', 'AF8'] });
    expect(ev.durationS).toBeCloseTo(0.3, 2);
    for (const name of ['AF7', 'AF8']) {
      const d = diff(name);
      const [first, last] = nonZeroRange(d);
      expect(first).toBe(5 * FS);
      expect(last).toBeLessThan(5 * FS + Math.round(0.3 * FS));
      expect(Math.min(...d)).toBeGreaterThanOrEqual(0);
      const peak = Math.max(...d);
      expect(peak).toBeGreaterThan(190);
      expect(peak).toBeLessThanOrEqual(200.01);
      // Peak at 40% of the blink: fast rise, slower fall.
      const at = d.indexOf(peak) / FS - 5;
      expect(at).toBeGreaterThan(0.1);
      expect(at).toBeLessThan(0.14);
    }
    for (const name of ['TP9', 'TP10']) expect(maxAbs(diff(name))).toBeLessThan(20);
  });

  it('random blinks show on AF7/AF8 at their recorded times, far larger than on TP9/TP10', () => {
    const rec = record({ seed: 2, timeline: { segments: [{ state: 'calm', durationS: 300 }] } });
    const blinks = rec.synth.events.filter((e) => e.kind === 'blink');
    expect(blinks.length).toBeGreaterThan(20);
    const deflection = (name: string, e: SynthEvent): number => {
      const x = channel(rec, name);
      const base = slice(x, FS, Math.max(0, e.t - 0.3), e.t).reduce((a, v) => a + v, 0) / (0.3 * FS);
      return Math.max(...slice(x, FS, e.t, e.t + e.durationS)) - base;
    };
    let seen = 0;
    let frontal = 0;
    let temporal = 0;
    for (const e of blinks) {
      expect(e.amplitudeUv).toBeGreaterThanOrEqual(90);
      expect(e.amplitudeUv).toBeLessThanOrEqual(330);
      expect(e.durationS).toBeGreaterThanOrEqual(0.2);
      expect(e.durationS).toBeLessThanOrEqual(0.4);
      const af = Math.max(deflection('AF7', e), deflection('AF8', e));
      if (af > 0.5 * e.amplitudeUv) seen++;
      frontal += af;
      temporal += Math.max(deflection('TP9', e), deflection('TP10', e));
    }
    expect(seen).toBeGreaterThanOrEqual(0.9 * blinks.length);
    expect(frontal).toBeGreaterThan(4 * temporal);
  });
});

describe('jaw clenches', () => {
  it('raise 30–100 Hz power on TP9/TP10 many-fold, much less on AF7/AF8', () => {
    const { on } = withAndWithout([{ t: 10, kind: 'jaw', durationS: 1.5 }]);
    const hf = (name: string, t0: number): number =>
      bandPower(welch(slice(channel(on, name), FS, t0, t0 + 1.2), FS, 128), 30, 100);
    for (const name of ['TP9', 'TP10']) expect(hf(name, 10.15) / hf(name, 5)).toBeGreaterThan(20);
    // EMG gain at the forehead is a quarter of that behind the ears: a sixteenth of the power.
    const rise = (name: string): number => hf(name, 10.15) - hf(name, 5);
    expect(rise('AF7')).toBeLessThan(rise('TP9') / 8);
    const ev = on.synth.events[0] as SynthEvent;
    expect(ev).toMatchObject({ kind: 'jaw', t: 10, channels: ['TP9', 'TP10'], amplitudeUv: 40 });
  });

  it('a one-sided clench on TP10 leaves TP9 untouched', () => {
    const { diff } = withAndWithout([{ t: 10, kind: 'jaw', channel: 'TP10', durationS: 1 }]);
    expect(maxAbs(diff('TP9'))).toBe(0);
    const d = diff('TP10');
    const [first, last] = nonZeroRange(d);
    expect(first).toBe(10 * FS);
    expect(last).toBe(11 * FS - 1);
    // EMG RMS over the plateau near the asked 40 µV.
    expect(rms(slice(d, FS, 10.2, 10.8))).toBeGreaterThan(25);
    expect(rms(slice(d, FS, 10.2, 10.8))).toBeLessThan(55);
  });

  it('happen often when anxious and rarely when calm', () => {
    const count = (state: SynthStateName, kind: string): number =>
      record({ seed: 6, timeline: { segments: [{ state, durationS: 300 }] } }).synth.events.filter(
        (e) => e.kind === kind,
      ).length;
    expect(count('anxious', 'jaw')).toBeGreaterThan(8);
    expect(count('calm', 'jaw')).toBeLessThan(4);
    expect(count('anxious', 'blink')).toBeGreaterThan(2 * count('calm', 'blink'));
  });
});

describe('contact loss', () => {
  const lost = (mode: 'rail' | 'flat' | 'drift'): { rec: Recording; x: Float32Array; ev: SynthEvent } => {
    const rec = record({
      seed: 30,
      timeline: {
        segments: [{ state: 'neutral', durationS: 20 }],
        events: [{ t: 10, kind: 'contact-loss', channel: 'TP10', durationS: 3, mode }],
        randomArtifacts: false,
      },
    });
    return { rec, x: channel(rec, 'TP10'), ev: rec.synth.events[0] as SynthEvent };
  };

  it('rail: the channel sits at a Muse rail for exactly the scripted interval', () => {
    const { rec, x, ev } = lost('rail');
    expect(ev).toMatchObject({ kind: 'contact-loss', t: 10, durationS: 3, channels: ['TP10'], mode: 'rail' });
    const inside = slice(x, FS, 10, 13);
    const rail = inside[0] as number;
    expect([Math.fround(RAIL_HIGH_UV), RAIL_LOW_UV]).toContain(rail);
    expect(inside.every((v) => v === rail)).toBe(true);
    expect(ev.amplitudeUv).toBe(Math.abs(rail));
    expect(Math.abs(x[10 * FS - 1] as number)).toBeLessThan(200);
    expect(Math.abs(x[13 * FS] as number)).toBeLessThan(200);
    // The other electrodes carry on normally.
    for (const name of ['TP9', 'AF7', 'AF8'])
      expect(maxAbs(slice(channel(rec, name), FS, 10, 13))).toBeLessThan(150);
  });

  it('flat: the channel holds its last value', () => {
    const { x } = lost('flat');
    const inside = slice(x, FS, 10, 13);
    expect(inside.every((v) => v === x[10 * FS - 1])).toBe(true);
    expect(x[13 * FS]).not.toBe(x[10 * FS - 1]);
  });

  it('drift: the channel wanders by hundreds of µV under strong mains hum, within the rails', () => {
    const { x } = lost('drift');
    const inside = slice(x, FS, 10, 13);
    expect(rms(inside)).toBeGreaterThan(60);
    expect(Math.max(...inside)).toBeLessThanOrEqual(RAIL_HIGH_UV);
    expect(Math.min(...inside)).toBeGreaterThanOrEqual(RAIL_LOW_UV);
    const s = welch(inside, FS, 256);
    expect(bandPower(s, 49, 51)).toBeGreaterThan(10 * bandPower(s, 40, 48));
    const before = welch(slice(x, FS, 4, 7), FS, 256);
    expect(bandPower(s, 49, 51)).toBeGreaterThan(100 * bandPower(before, 49, 51));
  });

  it('random contact losses in the chaotic session behave as their mode says', () => {
    const rec = record({ seed: 12, timeline: 'chaotic' });
    const losses = rec.synth.events.filter((e) => e.kind === 'contact-loss');
    expect(losses.filter((e) => !e.scripted).length).toBeGreaterThan(1);
    expect(new Set(losses.map((e) => e.mode))).toEqual(new Set(['rail', 'flat', 'drift']));
    for (const e of losses) {
      expect(e.channels).toHaveLength(1);
      const x = slice(channel(rec, e.channels[0] as string), FS, e.t, e.t + e.durationS);
      if (e.mode === 'rail') expect(x.every((v) => v === x[0] && Math.abs(v) > 999)).toBe(true);
      else if (e.mode === 'flat') expect(x.every((v) => v === x[0])).toBe(true);
      else expect(rms(x)).toBeGreaterThan(30);
    }
  });
});

describe('eye rolls and head motion', () => {
  it('an eye roll deflects AF7 and AF8 in opposite directions for seconds', () => {
    const { diff } = withAndWithout([{ t: 5, kind: 'eye-roll', durationS: 3, amplitudeUv: 60 }], 'drowsy');
    const af7 = diff('AF7');
    const af8 = diff('AF8');
    const peak7 = af7[Math.round(6.5 * FS)] as number;
    const peak8 = af8[Math.round(6.5 * FS)] as number;
    expect(Math.abs(peak7)).toBeGreaterThan(55);
    expect(Math.sign(peak7)).toBe(-Math.sign(peak8));
    expect(maxAbs(diff('TP9'))).toBeLessThan(10);
  });

  it('head motion swings every channel', () => {
    const { diff } = withAndWithout([{ t: 5, kind: 'motion', durationS: 1 }]);
    for (const name of ['TP9', 'AF7', 'AF8', 'TP10']) expect(maxAbs(diff(name))).toBeGreaterThan(50);
  });
});

describe('event log', () => {
  it('lists events in time order, inside the session, with sane fields', () => {
    const rec = record({ seed: 8, timeline: 'chaotic' });
    const events = rec.synth.events;
    const limits: Record<string, [number, number]> = {
      blink: [0.2, 0.4],
      'eye-roll': [2, 4],
      jaw: [0.3, 1.5],
      motion: [0.5, 2],
      'contact-loss': [1, 6],
    };
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as SynthEvent;
      if (i > 0) expect(e.t).toBeGreaterThanOrEqual((events[i - 1] as SynthEvent).t);
      expect(e.t).toBeGreaterThanOrEqual(0);
      expect(e.t).toBeLessThan(rec.synth.durationS);
      expect(Number.isInteger(e.t * FS)).toBe(true);
      const [lo, hi] = limits[e.kind] as [number, number];
      expect(e.durationS).toBeGreaterThanOrEqual(lo - 1 / FS);
      expect(e.durationS).toBeLessThanOrEqual(hi + 1 / FS);
      expect(e.mode !== undefined).toBe(e.kind === 'contact-loss');
      for (const c of e.channels) expect(rec.synth.channels).toContain(c);
    }
  });

  it('grows only as the signal is read', () => {
    const rec = record(
      {
        seed: 1,
        timeline: { segments: [{ state: 'calm', durationS: 20 }], events: [{ t: 5, kind: 'blink' }] },
      },
      1,
    );
    expect(rec.synth.events.some((e) => e.t === 5)).toBe(false);
    const rest = rec.synth.channels.map(() => new Float32Array(5 * FS));
    rec.synth.next(rest, 5 * FS);
    expect(rec.synth.events.some((e) => e.t === 5 && e.scripted)).toBe(true);
  });

  it('repeats scripted events every cycle of a looping timeline', () => {
    const rec = record(
      {
        seed: 1,
        timeline: {
          loop: true,
          segments: [{ state: 'calm', durationS: 20 }],
          events: [{ t: 5, kind: 'blink' }],
          randomArtifacts: false,
        },
      },
      61,
    );
    expect(rec.synth.events.map((e) => e.t)).toEqual([5, 25, 45]);
    const af7 = channel(rec, 'AF7');
    for (const t of [5, 25, 45]) expect(Math.max(...slice(af7, FS, t, t + 0.3))).toBeGreaterThan(150);
  });
});
