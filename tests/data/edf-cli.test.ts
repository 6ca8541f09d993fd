/**
 * The command line on the shared EDF recordings: inspect and analyze take EDF with --channels, and a Muse CSV
 * exported as EDF+ replays the same samples.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { readRecording, scanRecording } from '../../src/readers/index.ts';
import type { SampleChunk } from '../../src/source/types.ts';
import { describeShared, sharedFile } from '../helpers/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-edf-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function samplesOf(path: string): Promise<SampleChunk[]> {
  const open = () => createReadStream(path);
  const scan = await scanRecording(path, open);
  const out: SampleChunk[] = [];
  await readRecording(scan, open, (e) => void (e.kind === 'samples' && out.push(e)));
  return out;
}

describeShared('neurosleep on EDF recordings', () => {
  it('inspect --json lists the read channels and the signals left out', async () => {
    const r = await run(['inspect', sharedFile('the-siesta-group_edfio', 'short_psg.edf'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      format: string;
      channels: string[];
      edf: { signals: { read: boolean }[] };
    };
    expect(json.format).toBe('edf');
    expect(json.channels).toEqual(['EEG Fpz-Cz', 'EEG Pz-Oz']);
    expect(json.edf.signals.map((s) => s.read)).toEqual([true, true, false, false, false, false, false]);
  });

  it('analyze --channels O1,O2,Oz names its columns after the labels and keeps rows before the damaged end', async () => {
    const out = join(dir, 'r02.csv');
    const file = sharedFile('Quixotte_bci_practical_heyni_boorn_janssen', 'S001R02.edf');
    const r = await run(['analyze', file, '--channels', 'O1,O2,Oz', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /field 'number of data records': .* the file is truncated; 60 complete data record/,
    );
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^TimeStamp,Delta_O1\.\.,Delta_O2\.\.,Delta_Oz\.\.,Theta_O1\.\./);
    expect(lines.length).toBeGreaterThan(500);
  });

  it('export --to edf writes a Muse CSV as EDF+ that replays the same samples', async () => {
    const csv = sharedFile('mad-lab-fau_BioPsyKit', 'eeg_muse_example.csv');
    const out = join(dir, 'muse.edf');
    const r = await run(['export', csv, '--to', 'edf', '--out', out]);
    expect(r.code).toBe(0);
    const before = await samplesOf(csv);
    const after = await samplesOf(out);
    const total = (s: SampleChunk[]) => s.reduce((n, c) => n + c.length, 0);
    expect(total(after)).toBeGreaterThanOrEqual(total(before));
    let worst = 0;
    let k = 0;
    const flat = (chunks: SampleChunk[], c: number) =>
      chunks.flatMap((s) => Array.from(s.data[c] ?? []).slice(0, s.length));
    const a = flat(before, 0);
    const b = flat(after, 0);
    for (; k < a.length; k++)
      if (Number.isFinite(a[k])) worst = Math.max(worst, Math.abs((a[k] as number) - (b[k] as number)));
    expect(worst).toBeLessThan(0.05);
  });
});
