import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EegSynthesizer,
  MUSE_CHANNELS,
  SYNTH_STATE_NAMES,
  type SynthOptions,
} from '../../../hardware-mocks/synth/synthesizer.ts';
import { channel, record, rms } from './helpers.ts';

const chaotic: SynthOptions = { seed: 1234, timeline: 'chaotic' };

/** Reads n samples in the given chunk sizes (cycled) into fresh arrays. */
function readInChunks(
  options: SynthOptions,
  n: number,
  sizes: readonly number[],
): { data: Float32Array[]; s: EegSynthesizer } {
  const s = new EegSynthesizer(options);
  const data = s.channels.map(() => new Float32Array(n));
  let done = 0;
  for (let k = 0; done < n; k++) {
    const m = Math.min(sizes[k % sizes.length] as number, n - done);
    const tmp = s.channels.map(() => new Float32Array(m));
    s.next(tmp, m);
    tmp.forEach((t, c) => (data[c] as Float32Array).set(t, done));
    done += m;
  }
  expect(s.position).toBe(n);
  return { data, s };
}

describe('EegSynthesizer determinism', () => {
  it('reads 12 samples at a time exactly like 1200 at once', () => {
    const once = readInChunks(chaotic, 1200, [1200]);
    const twelves = readInChunks(chaotic, 1200, [12]);
    expect(twelves.data).toEqual(once.data);
  });

  it('is independent of chunking over a long artifact-rich stretch, events included', () => {
    // 60 s into the chaotic session: contact loss, clenches and blinks all happen here.
    const n = 256 * 70;
    const once = readInChunks(chaotic, n, [n]);
    const odd = readInChunks(chaotic, n, [1, 7, 33, 256, 5, 1000, 31, 32, 64]);
    expect(odd.data).toEqual(once.data);
    expect(odd.s.events).toEqual(once.s.events);
    expect(once.s.events.length).toBeGreaterThan(10);
  });

  it('repeats exactly for the same seed and differs for another seed', () => {
    const a = record({ seed: 5, timeline: 'calm-anxious-recovery' }, 30);
    const b = record({ seed: 5, timeline: 'calm-anxious-recovery' }, 30);
    const c = record({ seed: 6, timeline: 'calm-anxious-recovery' }, 30);
    expect(b.data).toEqual(a.data);
    expect(b.synth.events).toEqual(a.synth.events);
    for (let ch = 0; ch < 4; ch++) {
      const x = a.data[ch] as Float32Array;
      const y = c.data[ch] as Float32Array;
      let same = 0;
      for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
      expect(same).toBeLessThan(x.length / 100);
    }
  });

  it('never leans on engine-approximated Math functions, so every engine gives the same bits', () => {
    // Every code path: all artifact kinds and contact-loss modes, mains, crossfades.
    const everything: SynthOptions = {
      seed: 77,
      mainsHz: 60,
      timeline: {
        segments: [
          { state: 'calm', durationS: 10 },
          { state: 'chaotic', durationS: 40 },
        ],
        events: [
          { t: 1, kind: 'blink' },
          { t: 2, kind: 'eye-roll' },
          { t: 5, kind: 'jaw', channel: 'TP9' },
          { t: 7, kind: 'motion' },
          { t: 12, kind: 'contact-loss', mode: 'rail' },
          { t: 16, kind: 'contact-loss', mode: 'flat' },
          { t: 20, kind: 'contact-loss', mode: 'drift' },
        ],
      },
    };
    const reference = record(everything);
    const approximated = [
      'sin',
      'cos',
      'tan',
      'exp',
      'expm1',
      'log',
      'log1p',
      'log2',
      'log10',
      'pow',
      'atan',
      'atan2',
      'asin',
      'acos',
      'sinh',
      'cosh',
      'tanh',
      'cbrt',
      'hypot',
    ] as const;
    for (const name of approximated) {
      vi.spyOn(Math, name).mockImplementation(() => {
        throw new Error(`Math.${name} was called`);
      });
    }
    const again = record(everything);
    vi.restoreAllMocks();
    expect(again.data).toEqual(reference.data);
    const kinds = new Set(again.synth.events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['blink', 'contact-loss', 'eye-roll', 'jaw', 'motion']);
    expect(again.synth.events.filter((e) => !e.scripted).length).toBeGreaterThan(5);
  });

  it('has no ** or engine-approximated Math call in its source', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'hardware-mocks', 'synth');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
      const code = readFileSync(join(dir, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/'[^'\n]*'|`[^`]*`/g, "''");
      expect(code, file).not.toMatch(
        /\*\*|Math\.(sin|cos|tan|exp|expm1|log|log1p|log2|log10|pow|atan2?|asin|acos|sinh|cosh|tanh|cbrt|hypot)\b/,
      );
    }
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('EegSynthesizer output', () => {
  it('never produces NaN or Infinity, in any state or session', () => {
    const checks: SynthOptions[] = [
      { seed: 3, timeline: 'chaotic' },
      { seed: 4, timeline: 'demo' },
      ...SYNTH_STATE_NAMES.map((state) => ({ seed: 9, timeline: { segments: [{ state, durationS: 60 }] } })),
    ];
    for (const options of checks) {
      const rec = record(options, options.timeline === 'demo' ? 600 : undefined);
      for (const x of rec.data) {
        let bad = 0;
        for (const v of x) if (!Number.isFinite(v)) bad++;
        expect(bad).toBe(0);
      }
    }
  });

  it('has Muse-like levels: 10–30 µV RMS without artifacts, larger at TP9/TP10 than AF7/AF8', () => {
    for (const state of ['neutral', 'calm', 'anxious', 'drowsy'] as const) {
      const rec = record({
        seed: 21,
        timeline: { segments: [{ state, durationS: 60 }], randomArtifacts: false },
      });
      for (const name of MUSE_CHANNELS) {
        const r = rms(channel(rec, name));
        expect(r, `${state} ${name}`).toBeGreaterThan(10);
        expect(r, `${state} ${name}`).toBeLessThan(30);
      }
      expect(rms(channel(rec, 'TP9'))).toBeGreaterThan(rms(channel(rec, 'AF7')));
    }
  });

  it('honours channel list and sample rate', () => {
    const rec = record({
      seed: 2,
      timeline: { segments: [{ state: 'calm', durationS: 20 }], randomArtifacts: false },
      sampleRate: 512,
      channels: ['Fp1', 'Cz', 'O2'],
    });
    expect(rec.synth.channels).toEqual(['Fp1', 'Cz', 'O2']);
    expect(rec.synth.sampleRate).toBe(512);
    expect(rec.synth.totalSamples).toBe(10240);
    expect(rec.data.map((x) => x.length)).toEqual([10240, 10240, 10240]);
    // Occipital O2 carries more alpha than frontal Fp1.
    expect(rms(channel(rec, 'O2'))).toBeGreaterThan(rms(channel(rec, 'Fp1')));
  });

  it('stops at the end of a one-shot timeline with a clear error', () => {
    const s = new EegSynthesizer({ seed: 1, timeline: { segments: [{ state: 'calm', durationS: 1.5 }] } });
    expect(s.totalSamples).toBe(384);
    const out = s.channels.map(() => new Float32Array(400));
    s.next(out, 380);
    expect(() => s.next(out, 5)).toThrow(
      /next: only 4 samples remain of this 1.5 s timeline \(asked for 5\)/,
    );
    s.next(out, 4);
    expect(s.position).toBe(384);
    s.next(out, 0);
  });

  it('rejects bad next() arguments', () => {
    const s = new EegSynthesizer({ seed: 1, timeline: 'demo' });
    const four = s.channels.map(() => new Float32Array(10));
    expect(() => s.next(four, -1)).toThrow(/n must be an integer ≥ 0 \(got -1\)/);
    expect(() => s.next(four, 2.5)).toThrow(/n must be an integer ≥ 0/);
    expect(() => s.next(four.slice(0, 3), 5)).toThrow(/one Float32Array per channel \(4, got 3\)/);
    expect(() => s.next(four, 11)).toThrow(/out\[0\] must be a Float32Array of length ≥ 11/);
    expect(s.position).toBe(0);
  });
});
