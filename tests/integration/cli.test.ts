import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { museLslCsvChunks } from '../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../hardware-mocks/synth/synthesizer.ts';
import { HEAD_BYTES } from '../../src/cli/head-scan.ts';
import { describeShared, sharedFile, sharedFiles } from '../helpers/shared-data.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'neurosleep.mjs');
const dir = mkdtempSync(join(tmpdir(), 'neurosleep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function synthFile(
  name: string,
  durationS: number,
  session: 'calm-anxious-recovery' | 'chaotic' = 'calm-anxious-recovery',
  mainsHz: 50 | 60 | null = 50,
) {
  const synth = new EegSynthesizer({ seed: 11, timeline: session, mainsHz });
  const path = join(dir, name);
  writeFileSync(path, [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS })].join(''));
  return path;
}

const HEADER =
  'TimeStamp,Delta_TP9,Delta_AF7,Delta_AF8,Delta_TP10,Theta_TP9,Theta_AF7,Theta_AF8,Theta_TP10,' +
  'Alpha_TP9,Alpha_AF7,Alpha_AF8,Alpha_TP10,Beta_TP9,Beta_AF7,Beta_AF8,Beta_TP10,' +
  'Gamma_TP9,Gamma_AF7,Gamma_AF8,Gamma_TP10,Calm,Dread,Wonder,Glitch';

/** Fails on a stack trace in anything the CLI prints. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)/m);
}

describe('neurosleep CLI', () => {
  it('--help works for every command and exits 0', () => {
    for (const args of [['--help'], ['inspect', '--help'], ['analyze', '--help']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: neurosleep/);
    }
  });

  it('analyze writes the documented columns, 10 rows per second, finite values', () => {
    const file = synthFile('calm.csv', 30);
    const r = cli('analyze', file);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThanOrEqual(290);
    expect(rows.length).toBeLessThanOrEqual(300);
    for (const row of rows) {
      expect(row).toHaveLength(25);
      expect(row[0]).toMatch(/^\d+\.\d{3}$/);
      for (const cell of row.slice(21)) {
        const v = Number(cell);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    const times = rows.map((row) => Number(row[0]));
    expect(times[50]! - times[40]!).toBeCloseTo(1, 2);
    const full = rows.filter((row) => row.slice(1, 21).every((c) => c !== '' && Number.isFinite(Number(c))));
    expect(full.length).toBeGreaterThan(rows.length * 0.9);
  });

  it('--out writes the same CSV to a file', () => {
    const file = synthFile('short.csv', 5);
    const out = join(dir, 'out.csv');
    const r = cli('analyze', file, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(cli('analyze', file).stdout);
  });

  it('inspect reports format, channels, rate, duration and gaps', () => {
    const file = synthFile('inspect.csv', 12);
    const r = cli('inspect', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({
      format: 'muse-lsl',
      channels: ['TP9', 'AF7', 'AF8', 'TP10'],
      sampleRate: 256,
    });
    expect(info.durationS).toBeCloseTo(12, 1);
    expect(info.gaps.count).toBe(0);
    const text = cli('inspect', file);
    expect(text.stdout).toMatch(/sample rate:\s+256 Hz/);
  });

  it('analyze reads an EDF+ export like the recording itself: blinks, clenches and asymmetry included', () => {
    const csv = synthFile('twin.csv', 60);
    const edf = join(dir, 'twin.edf');
    expect(cli('export', csv, '--to', 'edf', '--out', edf).code).toBe(0);
    const rowsOf = (file: string) => {
      const r = cli('analyze', file);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
    };
    const a = rowsOf(csv);
    const b = rowsOf(edf);
    expect(a.length).toBeGreaterThan(590);
    let bands = 0;
    let dream = 0;
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i] as string[], b[i] as string[]];
      expect(y[0]).toBe(x[0]);
      for (let k = 1; k < x.length; k++) {
        expect(y[k] === '', `row ${i} column ${k}`).toBe(x[k] === '');
        const d = Math.abs(Number(x[k]) - Number(y[k]));
        if (k <= 20) bands = Math.max(bands, d);
        else dream = Math.max(dream, d);
      }
    }
    // EDF stores 16-bit samples: band powers agree to rounding, and so does the dream, which reads the flags.
    expect(bands).toBeLessThan(0.005);
    expect(dream).toBeLessThan(0.05);
  });

  it('a truncated EDF exits 2 with the byte offset, keeping the rows computed before it', () => {
    const edf = join(dir, 'whole.edf');
    expect(cli('export', synthFile('whole.csv', 30), '--to', 'edf', '--out', edf).code).toBe(0);
    const bytes = readFileSync(edf);
    const cut = join(dir, 'cut.edf');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3000));
    const out = join(dir, 'cut-rows.csv');
    const r = cli('analyze', cut, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^neurosleep: .*cut\.edf: byte \d+: field .+: expected .+, found .*truncated.*\n$/,
    );
    expectNoStack(r.stderr);
    const kept = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(kept[0]).toMatch(/^TimeStamp,Delta_EEG TP9,/);
    expect(kept.length - 1).toBeGreaterThan(250);
  });

  it('bad input exits 2 with FILE:LINE, no stack trace, and keeps the rows computed before it', () => {
    const good = readFileSync(synthFile('good.csv', 8), 'utf8').split('\n');
    good[1500] = good[1500]!.replace(/,([^,]+),/, ',twelve,');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, good.join('\n'));
    const out = join(dir, 'partial.csv');
    const r = cli('analyze', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^neurosleep: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1501: expected .+, found .+\\n$`,
      ),
    );
    expectNoStack(r.stderr);
    const kept = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(kept[0]).toBe(HEADER);
    // 1499 good samples ≈ 5.86 s: rows up to there are kept.
    expect(kept.length - 1).toBeGreaterThanOrEqual(55);

    for (const args of [
      ['analyze', join(dir, 'missing.csv')],
      ['frobnicate'],
      ['analyze'],
      ['analyze', bad, '--mains', '55'],
    ]) {
      const e = cli(...args);
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.stderr).toMatch(/^neurosleep: .+\n$/);
      expectNoStack(e.stderr);
    }
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const e = cli('inspect', empty);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/empty\.csv/);
  });
});

describe('neurosleep analyze --out on a CSV longer than its head scan', () => {
  // 12 minutes of muse-lsl CSV, ≈ 9.6 MB: with --out a file, pass 2 starts from a scan of the file's head while
  // the whole file is measured beside it; standard output still gets a whole-file scan first.
  let base: string[] | null = null;
  const longFile = (name: string, edit: (lines: string[]) => void = () => {}) => {
    const synth = new EegSynthesizer({ seed: 11, timeline: 'demo', mainsHz: 50 });
    base ??= [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 720 })]
      .join('')
      .split('\n');
    const lines = [...base];
    edit(lines);
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    expect(statSync(path).size).toBeGreaterThan(HEAD_BYTES);
    return path;
  };
  const sameAsStdout = (file: string) => {
    const out = join(dir, `${file.split('/').pop()}.rows.csv`);
    const toFile = cli('analyze', file, '--out', out);
    const toStdout = cli('analyze', file);
    return { toFile, toStdout, rows: readFileSync(out, 'utf8') };
  };

  /** The last minute's rows 16 times as fast: ≈ 278 Hz over the file, no Muse rate; the head says 256 Hz. */
  const lastMinuteFaster = (lines: string[]) => {
    const from = 1 + 256 * 660;
    const t0 = Number(lines[from - 1]!.split(',')[0]);
    for (let i = from; i < lines.length; i++) {
      const line = lines[i]!;
      if (line !== '') lines[i] = (t0 + (i - from + 1) / 4096).toFixed(6) + line.slice(line.indexOf(','));
    }
  };

  it('writes the rows standard output gets', () => {
    const { toFile, toStdout, rows } = sameAsStdout(longFile('long-plain.csv'));
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toStdout.code, toStdout.stderr).toBe(0);
    expect(rows.split('\n').length).toBeGreaterThan(7000);
    expect(rows).toBe(toStdout.stdout);
  });

  it('writes them again from the whole-file scan when the rows after the head change the rate', () => {
    const file = longFile('long-faster.csv', lastMinuteFaster);
    const inspect = JSON.parse(cli('inspect', file, '--json').stdout) as { sampleRate: number };
    expect(inspect.sampleRate).toBeGreaterThan(270);
    const { toFile, toStdout, rows } = sameAsStdout(file);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(rows).toBe(toStdout.stdout);
  });

  it('report of a long CSV covers the whole file’s sample clock when the rows after the head change the rate', () => {
    const file = longFile('long-faster-report.csv', lastMinuteFaster);
    const inspect = JSON.parse(cli('inspect', file, '--json').stdout) as { durationS: number };
    const csv = join(dir, 'long-faster-report.report.csv');
    const r = cli('report', file, '--out', join(dir, 'long-faster-report.html'), '--csv', csv);
    expect(r.code, r.stderr).toBe(0);
    const last = readFileSync(csv, 'utf8').trimEnd().split('\n').at(-1)!;
    // The whole file's ≈ 278 Hz clock, with the first 11 minutes' 256 Hz rows read as gaps: ≈ 715 s (read at the
    // head's 256 Hz, the report would end at ≈ 720 s).
    expect(Math.abs(Number(last.split(',')[0]) - inspect.durationS)).toBeLessThan(1);
  });

  it('a bad row after the head exits 2 with the same message and keeps the same rows', () => {
    const file = longFile('long-bad.csv', (lines) => {
      lines[180_000] = lines[180_000]!.replace(/,([^,]+),/, ',twelve,');
    });
    const { toFile, toStdout, rows } = sameAsStdout(file);
    expect(toFile.code).toBe(2);
    expect(toFile.stderr).toMatch(/:180001: expected /);
    expect(toFile.stderr).toBe(toStdout.stderr);
    expect(rows.split('\n').length).toBeGreaterThan(6000);
    expect(rows).toBe(toStdout.stdout);
  });
});

describe('neurosleep analyze: bands, window, taper, rate and preset', () => {
  const file = synthFile('shape.csv', 12);
  const rowsOf = (r: { code: number | null; stdout: string; stderr: string }) => {
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trimEnd().split('\n');
  };
  const firstFullRow = (lines: string[]) =>
    Number(
      lines
        .slice(1)
        .find((l) => l.split(',').every((c) => c !== ''))
        ?.split(',')[0],
    );
  const defaults = rowsOf(cli('analyze', file));

  it('computes the bands asked for, in their order, at the rate asked for', () => {
    const lines = rowsOf(cli('analyze', file, '--bands', 'Beta:13-30, alpha:7.5-13', '--rate', '4'));
    expect(lines[0]).toBe(
      'TimeStamp,Beta_TP9,Beta_AF7,Beta_AF8,Beta_TP10,Alpha_TP9,Alpha_AF7,Alpha_AF8,Alpha_TP10,' +
        'Calm,Dread,Wonder,Glitch',
    );
    const times = lines.slice(1).map((l) => Number(l.split(',')[0]));
    expect(times.length).toBe(48);
    expect(times[10]! - times[9]!).toBeCloseTo(0.25, 3);
    // Same band, same window: the same values as the default run's Alpha columns at the same times.
    const alphaAt = new Map(
      defaults.slice(1).map((l) => [l.split(',')[0], l.split(',').slice(9, 13).join()]),
    );
    let compared = 0;
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const expected = alphaAt.get(cells[0]!);
      if (expected === undefined || cells[5] === '') continue;
      expect(cells.slice(5, 9).join(), `t = ${cells[0]}`).toBe(expected);
      compared++;
    }
    // The 4 Hz grid meets the 10 Hz one twice a second.
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('--window and --taper change the window; --preset mind-monitor is a 3 s Hamming window, and flags after it win', () => {
    expect(firstFullRow(defaults)).toBeCloseTo(1, 0);
    const preset = rowsOf(cli('analyze', file, '--preset', 'mind-monitor'));
    expect(firstFullRow(preset)).toBeGreaterThanOrEqual(3);
    // Its first 3 s are the window filling up, not bad contact: no glitch.
    for (const line of preset.slice(1, 31)) expect(line.split(',').at(-1)).toBe('0.0000');
    expect(rowsOf(cli('analyze', file, '--window', '768'))).toEqual(preset);
    expect(rowsOf(cli('analyze', file, '--preset', 'mind-monitor', '--window', '256'))).toEqual(defaults);
    const hann = rowsOf(cli('analyze', file, '--taper', 'hann'));
    expect(hann.length).toBe(defaults.length);
    expect(hann[50]).not.toBe(defaults[50]);
    expect(rowsOf(cli('analyze', file, '--taper', 'hamming'))).toEqual(defaults);
  });

  it('says what was expected when a shape flag is wrong, and takes shape flags for analyze only', () => {
    const cases: [string[], RegExp][] = [
      [['--bands', 'alpha'], /--bands: expected NAME:LOW-HIGH in Hz such as alpha:8-12, found "alpha"/],
      [['--bands', 'alpha:12-8'], /--bands: alpha's low edge must be below its high edge, found 12-8 Hz/],
      [['--bands', 'a:1-4,A:4-8'], /--bands: a is given twice/],
      [
        ['--bands', 'hf:130-200'],
        /--bands: hf \(130-200 Hz\) lies above .*shape\.csv's highest frequency, 128 Hz/,
      ],
      [['--bands', 'x:10.2-10.8'], /--bands: x \(10\.2-10\.8 Hz\) holds no frequency bin at 1 Hz resolution/],
      [['--window', '1'], /--window: expected a whole number of samples from 2 to 65536, found 1/],
      [
        ['--rate', '500'],
        /--rate: expected updates per second, at most the sample rate \(256 Hz\), found 500/,
      ],
      [['--taper', 'boxcar'], /--taper: expected hann or hamming, found boxcar/],
      [['--preset', 'muse'], /--preset: expected one of mind-monitor, found muse/],
    ];
    for (const [args, message] of cases) {
      const r = cli('analyze', file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expectNoStack(r.stderr);
    }
    const r = cli('report', file, '--window', '512');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--window: only 'neurosleep analyze' takes it/);
  });
});

describe('neurosleep: the mains notch', () => {
  it('--mains auto (the default) notches the hum the recording carries, and inspect says what it found', () => {
    const sixty = synthFile('sixty.csv', 40, 'calm-anxious-recovery', 60);
    const auto = cli('analyze', sixty);
    expect(auto.code, auto.stderr).toBe(0);
    expect(cli('analyze', sixty, '--mains', 'auto').stdout).toBe(auto.stdout);
    expect(cli('analyze', sixty, '--mains', '60').stdout).toBe(auto.stdout);
    expect(cli('analyze', sixty, '--mains', '50').stdout).not.toBe(auto.stdout);
    expect(cli('inspect', sixty).stdout).toMatch(
      /^mains: +60 Hz line noise \(peak over surroundings: 50 Hz [\d.]+×, 60 Hz [\d.]+×\); analyze notches 60 Hz$/m,
    );
    const json = JSON.parse(cli('inspect', sixty, '--json').stdout) as { mains: { detectedHz: number } };
    expect(json.mains.detectedHz).toBe(60);

    const fifty = synthFile('fifty.csv', 40);
    expect(cli('analyze', fifty).stdout).toBe(cli('analyze', fifty, '--mains', '50').stdout);
    // No hum at all: 50 Hz, as before there was a choice.
    const none = synthFile('no-hum.csv', 40, 'calm-anxious-recovery', null);
    expect(cli('inspect', none).stdout).toMatch(
      /^mains: +no line-noise peak stands out .*; analyze notches 50 Hz$/m,
    );
    expect(cli('analyze', none).stdout).toBe(cli('analyze', none, '--mains', '50').stdout);
  });

  it('--harmonics is taken by analyze and report only', () => {
    const file = synthFile('harmonics.csv', 8);
    const r = cli('analyze', file, '--harmonics');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(HEADER);
    const e = cli('inspect', file, '--harmonics');
    expect(e.code).toBe(2);
    expect(e.stderr).toBe("neurosleep: --harmonics: only 'neurosleep analyze' and 'report' take it\n");
  });
});

describe('neurosleep report', () => {
  it('writes a self-contained HTML report and its CSV from a recording', () => {
    const file = synthFile('report.csv', 20);
    const html = join(dir, 'report.html');
    const csv = join(dir, 'report-series.csv');
    const r = cli('report', file, '--out', html, '--csv', csv);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/^<!doctype html>/);
    expect(text).toContain('<title>NeuroSleep session report: report.csv</title>');
    expect(text).toMatch(/Duration<\/th><td>20\.0 s/);
    expect(text).not.toMatch(/<script/i);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows.length).toBeGreaterThan(190);
  });

  it('reports everything before a malformed line, then exits 2', () => {
    const lines = readFileSync(synthFile('report-bad.csv', 10), 'utf8').split('\n');
    lines[2000] = 'not,a,row';
    const bad = join(dir, 'report-bad-2.csv');
    writeFileSync(bad, lines.join('\n'));
    const html = join(dir, 'partial.html');
    const r = cli('report', bad, '--out', html);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report-bad-2\.csv:2001: expected/);
    expectNoStack(r.stderr);
    expect(readFileSync(html, 'utf8')).toMatch(/Duration<\/th><td>7\.\d s/);
  });
});

describeShared('neurosleep inspect finds the mains of real recordings', () => {
  it.each([
    ['alexandrebarachant_muse-lsl', 'N170_subject1_session1_data_2017-09-13-15.30.01.csv', 60],
    ['6661647a77616e_Muse-Dataset', 'B_01_EC.csv', 50],
  ] as const)('%s/%s: %i Hz', (dir, file, hz) => {
    const r = cli('inspect', sharedFile(dir, file));
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('mains:'));
    console.log(`cli: ${dir}/${file}: ${line}`);
    expect(line).toMatch(new RegExp(`^mains: +${hz} Hz line noise .*; analyze notches ${hz} Hz$`));
  });
});

describeShared('neurosleep analyze on every shared Muse recording', () => {
  const files = sharedFiles('.csv');
  it.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s', (_name, file) => {
    const r = cli('analyze', file as string);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(25);
  });
});
