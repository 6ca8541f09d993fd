/** The prebuilt CLI bundle (bin/build-cli.mjs) and the check that keeps a stale one from running (bin/cli-bundle.mjs). */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freshBundle } from '../../bin/cli-bundle.mjs';
import { museLslCsvChunks } from '../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../hardware-mocks/synth/synthesizer.ts';
import { main as sourceMain } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'neurosleep-bundle-'));
// The test's own bundle, beside the real one: its package imports must resolve from node_modules.
const buildDir = join(ROOT, 'node_modules', '.cache', `neurosleep-cli-test-${process.pid}`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(buildDir, { recursive: true, force: true });
});

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const dirUrl = (path: string) => pathToFileURL(`${path}/`);

describe('freshBundle: a bundle runs only while its sources are unchanged', () => {
  const root = join(dir, 'repo');
  const build = join(root, 'build');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(build, { recursive: true });
  const source = join(root, 'src', 'a.ts');
  const manifest = join(build, 'sources.json');

  function setUp(): void {
    writeFileSync(source, 'export const a = 1;\n');
    writeFileSync(join(build, 'cli.js'), 'export const main = () => 0;\n');
    writeFileSync(join(build, 'worker.cjs'), 'module.exports = {};\n');
    writeFileSync(
      manifest,
      JSON.stringify({
        entry: 'cli.js',
        entrySha256: sha256('export const main = () => 0;\n'),
        worker: 'worker.cjs',
        workerSha256: sha256('module.exports = {};\n'),
        sources: [{ path: 'src/a.ts', sha256: sha256('export const a = 1;\n') }],
      }),
    );
  }

  it('gives the entry when every source matches', () => {
    setUp();
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBe(pathToFileURL(join(build, 'cli.js')).href);
  });

  it('gives null once a source changes, even to the same length', () => {
    setUp();
    writeFileSync(source, 'export const a = 2;\n');
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
  });

  it('gives null when the bundle itself is damaged or gone', () => {
    setUp();
    writeFileSync(join(build, 'cli.js'), 'export const main = () => 1;\n');
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
    rmSync(join(build, 'cli.js'));
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
  });

  it('gives null when the worker bundle is damaged or gone', () => {
    setUp();
    writeFileSync(join(build, 'worker.cjs'), 'module.exports = { changed: true };\n');
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
    rmSync(join(build, 'worker.cjs'));
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
  });

  it('gives null when a source is gone, or there is no (or a broken) manifest', () => {
    setUp();
    rmSync(source);
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
    setUp();
    writeFileSync(manifest, '{"entry": "cli.js"');
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
    rmSync(manifest);
    expect(freshBundle(dirUrl(root), dirUrl(build))).toBeNull();
  });
});

describe('bin/build-cli.mjs', () => {
  it('bundles the CLI with the hash of every source, and the bundle analyzes exactly as the sources do', async () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'build-cli.mjs'), buildDir], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    const m = JSON.parse(readFileSync(join(buildDir, 'sources.json'), 'utf8')) as {
      entry: string;
      worker: string;
      sources: { path: string; sha256: string }[];
    };
    const paths = m.sources.map((s) => s.path);
    expect(paths).toContain('src/cli/main.ts');
    // The worker bundle's sources too, and nothing of the CLI's commands in it.
    expect(paths).toContain('src/cli/worker-entry.ts');
    const worker = readFileSync(join(buildDir, m.worker), 'utf8');
    expect(worker).toMatch(/neurosleep-read/);
    expect(worker).not.toMatch(/Usage: neurosleep/);
    expect(paths).toContain('dsp/band-power-engine.ts');
    // The packages it bundles are hashed like the sources: a reinstalled package makes the bundle stale too.
    const packages = new Set(paths.filter((p) => p.startsWith('node_modules/')).map((p) => p.split('/')[1]));
    expect([...packages].sort()).toEqual(['fft.js', 'fili']);
    for (const s of m.sources) expect(s.sha256, s.path).toBe(sha256(readFileSync(join(ROOT, s.path))));
    const entry = freshBundle(dirUrl(ROOT), dirUrl(buildDir));
    expect(entry).toBe(pathToFileURL(join(buildDir, m.entry)).href);

    const synth = new EegSynthesizer({ seed: 4, timeline: 'demo', mainsHz: 50 });
    const recording = join(dir, 'demo.csv');
    writeFileSync(
      recording,
      [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 20 })].join(''),
    );
    const bundled = (await import(entry as string)) as { main: (args: string[]) => Promise<number> };
    const fromBundle = join(dir, 'bundle.csv');
    const fromSources = join(dir, 'sources.csv');
    expect(await bundled.main(['analyze', recording, '--out', fromBundle])).toBe(0);
    expect(await sourceMain(['analyze', recording, '--out', fromSources])).toBe(0);
    const rows = readFileSync(fromBundle, 'utf8');
    expect(rows.split('\n').length).toBeGreaterThan(190);
    expect(rows).toBe(readFileSync(fromSources, 'utf8'));
  });
});
