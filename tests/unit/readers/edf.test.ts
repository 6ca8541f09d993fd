import { describe, expect, it } from 'vitest';
import {
  createAnyParser,
  createAnyScanner,
  RecordingError,
  type ParseSummary,
  type RecordingScan,
  type ScanOptions,
} from '../../../src/readers/index.ts';
import type { GapMarker, SampleChunk, SourceEvent } from '../../../src/source/types.ts';
import { buildEdf, tal, type EdfSpec } from './edf-helpers.ts';
import { splitAt } from './read-helpers.ts';

interface BinaryRead {
  scan: RecordingScan;
  events: SourceEvent[];
  summary: ParseSummary | null;
  error: RecordingError | null;
}

function scanBytes(name: string, chunks: readonly Uint8Array[], options: ScanOptions = {}): RecordingScan {
  const scanner = createAnyScanner(name, undefined, options);
  for (const c of chunks) scanner.push(c);
  return scanner.end();
}

function readBytes(name: string, chunks: readonly Uint8Array[], options: ScanOptions = {}): BinaryRead {
  const scan = scanBytes(name, chunks, options);
  const events: SourceEvent[] = [];
  const parser = createAnyParser(scan, (e) => events.push(e));
  try {
    for (const c of chunks) parser.push(c);
    return { scan, events, summary: parser.end(), error: null };
  } catch (err) {
    if (err instanceof RecordingError) return { scan, events, summary: null, error: err };
    throw err;
  }
}

function scanError(bytes: Uint8Array, options: ScanOptions = {}): RecordingError {
  try {
    scanBytes('f.edf', [bytes], options);
  } catch (err) {
    if (err instanceof RecordingError) return err;
    throw err;
  }
  throw new Error('expected the scan to fail');
}

const samplesOf = (events: readonly SourceEvent[]) =>
  events.filter((e): e is SampleChunk => e.kind === 'samples');
const channel = (events: readonly SourceEvent[], c: number) =>
  samplesOf(events).flatMap((s) => Array.from(s.data[c] ?? []));

/** 2 EEG signals at 4 Hz, an EOG at 2 Hz and annotations, 3 records of 1 s. */
function psg(overrides: Partial<EdfSpec> = {}): EdfSpec {
  return {
    reserved: 'EDF+C',
    signals: [
      {
        label: 'EEG Fpz-Cz',
        physicalMin: -100,
        physicalMax: 100,
        digitalMin: -1000,
        digitalMax: 1000,
        samples: 4,
      },
      // Inverted physical range: the digital maximum is the most negative voltage.
      { label: 'O1..', physicalMin: 50, physicalMax: -50, digitalMin: -500, digitalMax: 500, samples: 4 },
      { label: 'EOG horizontal', samples: 2 },
      { label: 'EDF Annotations', samples: 30 },
    ],
    records: [
      [[0, 10, -10, 1000], [0, 500, -500, 100], [1, 2], tal(0, [0.5, null, 'lights off'])],
      [[-1000, 0, 0, 0], [1, 2, 3, 4], [3, 4], tal(1)],
      [[5, 5, 5, 5], [0, 0, 0, 0], [5, 6], tal(2, [2.25, 30, 'Sleep stage W'])],
    ],
    ...overrides,
  };
}

describe('EDF+ reading', () => {
  it('streams EEG-typed signals at the highest rate, scaled to µV, inverted ranges inverted', () => {
    const r = readBytes('psg.edf', [buildEdf(psg())]);
    expect(r.error).toBeNull();
    expect(r.scan.format).toBe('edf');
    expect(r.scan.layout).toBe('EDF+C');
    expect(r.scan.channels).toEqual(['EEG Fpz-Cz', 'O1..']);
    expect(r.scan.sampleRate).toBe(4);
    expect(r.scan.ignoredColumns).toEqual(['EOG horizontal (2 Hz)', 'EDF Annotations (annotations)']);
    expect(r.scan.rows).toBe(12);
    expect(r.scan.markers).toBe(2);
    expect(r.scan.durationS).toBe(3);
    expect(r.scan.startTime).toBe('2009-08-12T16:15:00');
    expect(channel(r.events, 0)).toEqual([0, 1, -1, 100, -100, 0, 0, 0, 0.5, 0.5, 0.5, 0.5]);
    expect(channel(r.events, 1).map((v) => Math.round(v * 1e4) / 1e4 + 0)).toEqual([
      0, -50, 50, -10, -0.1, -0.2, -0.3, -0.4, 0, 0, 0, 0,
    ]);
    expect(samplesOf(r.events).map((s) => [s.index, s.t0, s.length])).toEqual([
      [0, 0, 4],
      [4, 1, 4],
      [8, 2, 4],
    ]);
    // Markers follow the chunk holding their sample, and carry the annotation text.
    expect(r.events.map((e) => (e.kind === 'marker' ? `${e.t}:${e.label}` : e.kind))).toEqual([
      'samples',
      '0.5:lights off',
      'samples',
      'samples',
      '2.25:Sleep stage W',
    ]);
    expect(r.summary).toMatchObject({ rows: 12, sampleCount: 12, durationS: 3, gaps: 0, markers: 2 });
  });

  it('reads the same events whatever the pieces the bytes arrive in', () => {
    const bytes = buildEdf(psg());
    const whole = readBytes('psg.edf', [bytes]).events;
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const parts = splitAt(bytes, [cut, cut + 1, cut + 3, 257, 1000]);
      expect(readBytes('psg.edf', parts).events).toEqual(whole);
    }
  });

  it('picks channels by label, ignoring case, the EEG prefix and trailing dots', () => {
    const r = readBytes('psg.edf', [buildEdf(psg())], { channels: ['o1', 'Fpz-Cz'] });
    expect(r.scan.channels).toEqual(['O1..', 'EEG Fpz-Cz']);
    expect(channel(r.events, 1)[3]).toBe(100);
    expect(readBytes('psg.edf', [buildEdf(psg())], { channels: ['EOG horizontal'] }).scan.sampleRate).toBe(2);
    expect(scanError(buildEdf(psg()), { channels: ['Cz'] }).message).toBe(
      'f.edf: byte 256: field \'label\': expected a signal named "Cz" (signals: EEG Fpz-Cz, O1.., EOG horizontal), found none',
    );
  });

  it('EDF+D: a record starting late is a gap of exactly the missing samples', () => {
    const spec = psg({ reserved: 'EDF+D' });
    const records = spec.records.map((r) => [...r]);
    (records[1] as (number[] | string)[])[3] = tal(1.5);
    (records[2] as (number[] | string)[])[3] = tal(4, [4.5, null, 'after the gap']);
    const r = readBytes('d.edf', [buildEdf({ ...spec, records })]);
    expect(r.error).toBeNull();
    expect(r.scan.layout).toBe('EDF+D');
    const gaps = r.events.filter((e): e is GapMarker => e.kind === 'gap');
    expect(gaps.map((g) => [g.index, g.t, g.missingSamples])).toEqual([
      [4, 1, 2],
      [10, 2.5, 6],
    ]);
    expect(samplesOf(r.events).map((s) => s.index)).toEqual([0, 6, 16]);
    expect(r.events.at(-1)).toEqual({ kind: 'marker', t: 4.5, label: 'after the gap' });
    expect(r.summary).toMatchObject({ gaps: 2, gapSamples: 8, sampleCount: 20, durationS: 5 });
    expect(r.scan.durationS).toBe(5);
  });

  it('records that overlap are an error at the onset, after the records before them', () => {
    const spec = psg({ reserved: 'EDF+D' });
    const records = spec.records.map((r) => [...r]);
    (records[2] as (number[] | string)[])[3] = tal(1.5);
    const r = readBytes('d.edf', [buildEdf({ ...spec, records })]);
    expect(samplesOf(r.events)).toHaveLength(2);
    expect(r.error?.message).toBe(
      "d.edf: byte 1460: field 'onset of data record 3': expected a record starting at or after 2 s " +
        "(the previous record's end), found +1.5 s: records overlap or go backwards",
    );
  });

  it('BDF+: 24-bit samples over the whole digital range', () => {
    const spec: EdfSpec = {
      bdf: true,
      reserved: 'BDF+C',
      signals: [
        { label: 'Fp1', physicalMin: -262144, physicalMax: 262143, samples: 3 },
        { label: 'Status', dimension: 'Boolean', samples: 3 },
        { label: 'BDF Annotations', samples: 10 },
      ],
      records: [[[-8388608, 8388607, -1], [0, 0, 0], tal(0)]],
    };
    const r = readBytes('b.bdf', [buildEdf(spec)]);
    expect(r.error).toBeNull();
    expect(r.scan.format).toBe('bdf');
    expect(r.scan.layout).toBe('BDF+C');
    expect(r.scan.channels).toEqual(['Fp1']);
    expect(channel(r.events, 0)).toEqual([
      -262144,
      262143,
      Math.fround(-262144 + 8388607 * (524287 / 16777215)),
    ]);
  });

  it('a plain EDF without annotations times records by their index', () => {
    const spec = psg({ reserved: '' });
    const signals = spec.signals.slice(0, 3);
    const records = spec.records.map((r) => r.slice(0, 3));
    const r = readBytes('p.edf', [buildEdf({ ...spec, signals, records })]);
    expect(r.scan.layout).toBe('EDF');
    expect(r.events.filter((e) => e.kind !== 'samples')).toEqual([]);
    expect(r.summary?.sampleCount).toBe(12);
  });

  it('mV and V signals are converted to µV', () => {
    const spec: EdfSpec = {
      reserved: '',
      signals: [
        {
          label: 'Cz',
          dimension: 'mV',
          physicalMin: -1,
          physicalMax: 1,
          digitalMin: -1000,
          digitalMax: 1000,
          samples: 2,
        },
      ],
      records: [[[500, -1000]]],
    };
    expect(channel(readBytes('m.edf', [buildEdf(spec)]).events, 0)).toEqual([500, -1000]);
  });
});

describe('EDF robustness', () => {
  it('a truncated file replays its complete records, then says how much is missing', () => {
    const bytes = buildEdf(psg());
    const cut = bytes.subarray(0, bytes.length - 40);
    const r = readBytes('t.edf', [cut]);
    expect(samplesOf(r.events)).toHaveLength(2);
    expect(r.scan.error?.field).toBe('number of data records');
    expect(r.error?.message).toBe(
      `t.edf: byte ${cut.length}: field 'number of data records': expected 3 data records of 80 bytes (3 s), as the ` +
        'header says, found the end of the file after 2 record(s) and 40 of the 80 bytes of record 3: the file is ' +
        'truncated; 2 complete data record(s) (2 s) replayed, 1 s missing',
    );
  });

  it('a file that ends inside the header says where', () => {
    const bytes = buildEdf(psg());
    expect(scanError(bytes.subarray(0, 100)).message).toBe(
      "f.edf: byte 100: field 'header': expected the 256-byte EDF/BDF header, found the end of the file after 100 bytes",
    );
    expect(scanError(bytes.subarray(0, 600)).message).toBe(
      "f.edf: byte 600: field 'signal headers': expected 1280 header bytes (256 × (1 + 4 signals)), found the end " +
        'of the file after 600 bytes',
    );
  });

  it.each([
    [
      'a non-numeric record count',
      [{ at: 236, text: 'many    ' }],
      'f.edf: byte 236: field \'number of data records\': expected an integer in ASCII, found "many    "',
    ],
    [
      'a header size that disagrees with the signal count',
      [{ at: 184, text: '1024    ' }],
      'f.edf: byte 184: field \'number of bytes in header record\': expected 256 × (1 + number of signals) = 1280 for 4 signals, found "1024    "',
    ],
    [
      'a multi-gigabyte signal count',
      [{ at: 252, text: '9999' }],
      'f.edf: byte 252: field \'number of signals\': expected 1 to 4096 signals, found "9999"',
    ],
    [
      'a multi-gigabyte record',
      [{ at: 256 + 4 * 216, text: '99999999' }],
      'f.edf: byte 1120: field \'number of samples in each data record of signal 1 "EEG Fpz-Cz"\': expected 1 to 8000000 samples, found "99999999"',
    ],
    [
      'an equal physical minimum and maximum',
      [{ at: 256 + 4 * 112, text: '-100    ' }],
      'f.edf: byte 704: field \'physical maximum of signal 1 "EEG Fpz-Cz"\': expected a value other than the physical minimum -100, found "-100    "',
    ],
    [
      'NaN as a digital minimum',
      [{ at: 256 + 4 * 120 + 8, text: 'NaN     ' }],
      'f.edf: byte 744: field \'digital minimum of signal 2 "O1.."\': expected an integer in ASCII, found "NaN     "',
    ],
  ])('%s is refused with its byte offset and field', (_, patch, message) => {
    expect(scanError(buildEdf(psg({ patch }))).message).toBe(message);
  });

  it('a header that claims more records than the file holds is a truncation; fewer leave extra bytes warned', () => {
    const more = readBytes('m.edf', [buildEdf(psg({ recordsField: '5' }))]);
    expect(samplesOf(more.events)).toHaveLength(3);
    expect(more.error?.message).toMatch(
      /expected 5 data records .* found the end of the file after 3 record\(s\): the file is truncated/,
    );
    const fewer = readBytes('f.edf', [buildEdf(psg({ recordsField: '2' }))]);
    expect(fewer.error).toBeNull();
    expect(samplesOf(fewer.events)).toHaveLength(2);
    expect(fewer.scan.warnings).toContain('80 bytes after the 2 data records the header claims were ignored');
    const unknown = readBytes('u.edf', [buildEdf(psg({ recordsField: '-1' }))]);
    expect(unknown.error).toBeNull();
    expect(unknown.summary?.sampleCount).toBe(12);
  });

  it('a malformed TAL is an error at its byte, after the records before it', () => {
    const spec = psg();
    const records = spec.records.map((r) => [...r]);
    (records[1] as (number[] | string)[])[3] = '+1\x14\x14\x00+x\x14bad\x14\x00';
    const r = readBytes('a.edf', [buildEdf({ ...spec, records })]);
    expect(samplesOf(r.events)).toHaveLength(1);
    expect(r.events.filter((e) => e.kind === 'marker')).toHaveLength(1);
    expect(r.error?.message).toBe(
      'a.edf: byte 1385: field \'annotations (signal 4 "EDF Annotations")\': expected a TAL onset such as "+12.5", ' +
        'found "+x\\x14bad\\x14\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"',
    );
  });

  it('undoes a text-mode transfer (a CR before every LF) and says so', () => {
    // Digital 10 is LF: each sample holding it gains a CR before it, shifting everything after.
    const spec = psg();
    const bytes = buildEdf(spec);
    const mangled: number[] = [];
    for (const b of bytes) {
      if (b === 10) mangled.push(13);
      mangled.push(b);
    }
    const r = readBytes('crlf.edf', [Uint8Array.from(mangled)]);
    expect(r.error).toBeNull();
    expect(r.scan.warnings[0]).toMatch(/text-mode transfer \(a CR written before each of its 1 LF bytes/);
    expect(r.events).toEqual(readBytes('crlf.edf', [bytes]).events);
  });

  it('an annotation-only file (a hypnogram) has no channels and replays its annotations', () => {
    const spec: EdfSpec = {
      reserved: 'EDF+C',
      durationS: 0,
      signals: [{ label: 'EDF Annotations', samples: 60 }],
      records: [[tal(0, [0, 30, 'Sleep stage W'], [30, 60, 'Sleep stage 1'])]],
    };
    const r = readBytes('h.edf', [buildEdf(spec)]);
    expect(r.scan.hasRawEeg).toBe(false);
    expect(r.scan.channels).toEqual([]);
    expect(r.events).toEqual([
      { kind: 'marker', t: 0, label: 'Sleep stage W' },
      { kind: 'marker', t: 30, label: 'Sleep stage 1' },
    ]);
  });
});

describe('EDF claims that would need absurd memory', () => {
  it('many large annotation signals are refused before anything is allocated', () => {
    const signals = Array.from({ length: 8 }, () => ({ label: 'EDF Annotations', samples: 1_000_000 }));
    const bytes = buildEdf({ reserved: 'EDF+C', signals, records: [] });
    expect(scanError(bytes).message).toBe(
      'f.edf: byte 2000: field \'number of samples in each data record of signal 3 "EDF Annotations"\': expected at ' +
        'most 4194304 bytes of annotations per data record over all annotation signals, found "1000000 "',
    );
  });

  it('a record too large to hold for the streamed channels is refused at the header', () => {
    const signals = Array.from({ length: 3 }, (_, i) => ({ label: `EEG C${i}`, samples: 2_000_000 }));
    const bytes = buildEdf({ reserved: '', signals, records: [], recordsField: '1' });
    // Pass 1 never holds samples; pass 2 refuses before allocating 3 × 2,000,000 floats.
    const scan = scanBytes('big.edf', [bytes]);
    expect(scan.error?.field).toBe('number of data records');
    const events: SourceEvent[] = [];
    const parser = createAnyParser(scan, (e) => events.push(e));
    expect(() => parser.push(bytes)).toThrow(
      "big.edf: byte 256: field 'number of samples in each data record': expected at most 4194304 samples per " +
        'data record over the streamed channels, found 2000000 × 3 channels',
    );
  });
});
