/**
 * Fuzzing the text readers (muse-lsl, Mind Monitor, OpenBCI GUI, BrainFlow): 10,000 malformed files per format, small edits of a valid
 * file with NaN/Infinity, other delimiters, byte-order marks, CRLF, mixed row lengths, binary bytes and
 * truncation. Only RecordingErrors may come out, the same however the bytes arrive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIND_MONITOR_HEADER,
  mindMonitorEvent,
  mindMonitorRow,
  mmStamp,
  museLslText,
} from '../unit/readers/read-helpers.ts';
import { checkOutcome, HOSTILE_TEXT, mutated, pieces, readAny, sameOutcome } from './readers-fuzz-helpers.ts';

function mindMonitorText(): string {
  const lines = [MIND_MONITOR_HEADER];
  for (let i = 0; i < 14; i++) {
    lines.push(mindMonitorRow(mmStamp(i / 256), [800 + i, 810 - i, 790, 805 + (i % 3)]));
    if (i === 6) lines.push(mindMonitorEvent(mmStamp(i / 256), '/muse/elements/blink'));
  }
  return lines.join('\n') + '\n';
}

function openBciText(): string {
  let text =
    '%OpenBCI Raw EXG Data\n%Number of channels = 4\n%Sample Rate = 200 Hz\n' +
    'Sample Index, EXG Channel 0, EXG Channel 1, EXG Channel 2, EXG Channel 3, Timestamp\n';
  for (let i = 0; i < 30; i++)
    text += `${i}, ${i * 1.5}, -${i}.25, 3.5, ${10 - i}, ${1700000000 + i / 200}\n`;
  return text;
}

function brainFlowText(): string {
  let text = '';
  for (let i = 0; i < 30; i++) {
    const t = (1700000000 + i / 256).toFixed(6);
    text += [i, i * 0.5, -i, 3.25, 10 - i, 0, t, i === 4 ? 1 : 0].map(String).join('\t') + '\n';
  }
  return text;
}

const FORMATS = [
  {
    name: 'muse-lsl',
    text: museLslText({ rows: 40, marker: (i) => (i % 9 === 0 ? 1 : 0) }),
    hostile: [...HOSTILE_TEXT, 'timestamps,TP9,AF7,AF8,TP10,Right AUX\n', '1700000000.5,', ',Marker0'],
  },
  {
    name: 'mind-monitor',
    text: mindMonitorText(),
    hostile: [
      ...HOSTILE_TEXT,
      '2021-07-27 00:54:59.000',
      '00:55.1',
      '/muse/elements/blink',
      ',,,,,,,,,,,,,,,,,,',
    ],
  },
  {
    name: 'openbci',
    text: openBciText(),
    hostile: [
      ...HOSTILE_TEXT,
      '%Sample Rate = 0 Hz\n',
      '%Number of channels = 99999999\n',
      '%OpenBCI',
      'Sample Index',
    ],
  },
  {
    name: 'brainflow',
    text: brainFlowText(),
    hostile: [...HOSTILE_TEXT, '1700000000.5\t', '\t\t\t\t\t\t\t\n'],
  },
] as const;

const cuts = fc.array(fc.nat({ max: 4000 }), { maxLength: 6 });

describe.each(FORMATS)('$name reader under fuzzing', ({ name, text, hostile }) => {
  const base = new Uint8Array(Buffer.from(text, 'utf8'));
  const file = `fuzz-${name}.csv`;

  it('10,000 mutated files: only RecordingErrors, same outcome however the bytes are cut', () => {
    expect(base.length).toBeLessThan(4096);
    const valid = readAny(file, [base]);
    expect(valid.error).toBeNull();
    expect(valid.events.some((e) => e.kind === 'samples')).toBe(true);
    fc.assert(
      fc.property(mutated(base, hostile), cuts, (bytes, at) => {
        const whole = readAny(file, [bytes]);
        checkOutcome(file, whole);
        const cut = readAny(file, pieces(bytes, at));
        return sameOutcome(whole, cut);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('binary garbage and random text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ maxLength: 400 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
        ),
        cuts,
        (bytes, at) => {
          checkOutcome(file, readAny(file, pieces(bytes, at), name));
        },
      ),
      { numRuns: 1_000 },
    );
  }, 60_000);
});
