import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer, type SynthOptions } from '../../../hardware-mocks/synth/synthesizer.ts';
import { record } from './helpers.ts';

const options: SynthOptions = { seed: 4, timeline: 'chaotic' };
const START = 1_700_000_000.25;

function csvLines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('museLslCsvChunks', () => {
  it('writes the muse-lsl header, one row per sample, epoch timestamps and 3-decimal µV that parse back', () => {
    const chunks = [...museLslCsvChunks(new EegSynthesizer(options), { startEpochS: START, durationS: 60 })];
    const lines = csvLines(chunks.join(''));
    expect(lines[0]).toBe('timestamps,TP9,AF7,AF8,TP10,Right AUX');
    expect(lines).toHaveLength(1 + 60 * 256);
    const twin = record(options, 60);
    const row = /^(\d{10}\.\d{6})(?:,(-?\d+\.\d{3})){4},0\.000$/;
    const malformed: string[] = [];
    let worst = 0;
    let worstTime = 0;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (!row.test(line)) malformed.push(line);
      const fields = line.split(',').map(Number);
      worstTime = Math.max(worstTime, Math.abs((fields[0] as number) - (START + (i - 1) / 256)));
      for (let c = 0; c < 4; c++) {
        worst = Math.max(
          worst,
          Math.abs((fields[c + 1] as number) - ((twin.data[c] as Float32Array)[i - 1] as number)),
        );
      }
    }
    expect(malformed).toEqual([]);
    // 6 printed decimals, and a double near 1.7e9 resolves 2.4e-7 s.
    expect(worstTime).toBeLessThan(1e-6);
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(lines[1]?.startsWith('1700000000.250000,')).toBe(true);
    expect(lines[257]?.startsWith('1700000001.250000,')).toBe(true);
  });

  it('yields ~64 KB chunks so long files stream', () => {
    const chunks = [...museLslCsvChunks(new EegSynthesizer(options), { startEpochS: START, durationS: 120 })];
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) {
      expect(c.length).toBeGreaterThanOrEqual(65536);
      expect(c.length).toBeLessThan(65536 + 200);
      expect(c.endsWith('\n')).toBe(true);
    }
  });

  it('writes the whole of a one-shot timeline by default, and honours 3 timestamp decimals', () => {
    const synth = new EegSynthesizer({
      seed: 1,
      timeline: { segments: [{ state: 'calm', durationS: 2.5 }] },
    });
    const lines = csvLines(
      [...museLslCsvChunks(synth, { startEpochS: 1000, timestampDecimals: 3 })].join(''),
    );
    expect(lines).toHaveLength(1 + 640);
    expect(lines[1]?.split(',')[0]).toBe('1000.000');
    expect(lines[2]?.split(',')[0]).toBe('1000.004');
    expect(lines[640]?.split(',')[0]).toBe('1002.496');
    expect(synth.position).toBe(640);
  });

  it('rejects bad options at once, before reading anything', () => {
    const s = new EegSynthesizer({ seed: 1, timeline: 'demo' });
    expect(() => museLslCsvChunks(s, { startEpochS: 0 })).toThrow(
      /durationS is required for a looping timeline/,
    );
    expect(() => museLslCsvChunks(s, { startEpochS: -1, durationS: 1 })).toThrow(
      /startEpochS must be a finite number ≥ 0 s/,
    );
    expect(() => museLslCsvChunks(s, { startEpochS: 0, durationS: -3 })).toThrow(
      /durationS must be a finite number ≥ 0 s \(got -3\)/,
    );
    expect(() => museLslCsvChunks(s, { startEpochS: 0, durationS: 1, timestampDecimals: 2 })).toThrow(
      /timestampDecimals must be an integer from 3 to 6/,
    );
    const short = new EegSynthesizer({ seed: 1, timeline: { segments: [{ state: 'calm', durationS: 2 }] } });
    expect(() => museLslCsvChunks(short, { startEpochS: 0, durationS: 3 })).toThrow(
      /durationS 3 s is longer than the 2 s left/,
    );
    expect(s.position).toBe(0);
  });
});

describe('tools/synth-recording.ts', () => {
  const run = promisify(execFile);
  const script = join(import.meta.dirname, '..', '..', '..', 'tools', 'synth-recording.ts');
  const args = (...rest: string[]): string[] => ['--import', 'tsx', script, ...rest];

  it('writes the file silently, identical to the in-process writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-rec-'));
    try {
      const out = join(dir, 'x.csv');
      const { stdout, stderr } = await run(
        process.execPath,
        args('--session', 'demo', '--duration', '20', '--seed', '3', '--out', out),
      );
      expect(stdout).toBe('');
      expect(stderr).toBe('');
      const expected = [
        ...museLslCsvChunks(new EegSynthesizer({ seed: 3, timeline: 'demo' }), {
          startEpochS: 1_700_000_000,
          durationS: 20,
        }),
      ].join('');
      expect(readFileSync(out, 'utf8')).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with a message and exit code 1 on bad arguments', async () => {
    await expect(
      run(process.execPath, args('--session', 'nope', '--out', '/tmp/never.csv')),
    ).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/--session must be one of calm-anxious-recovery, drowsy, chaotic, demo/),
    });
    await expect(
      run(process.execPath, args('--session', 'demo', '--out', '/tmp/never.csv')),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--duration <s> is required: session 'demo' loops forever/),
    });
  });
});
