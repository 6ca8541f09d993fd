import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIND_MONITOR_HEADER,
  bytesOf,
  mindMonitorEvent,
  mindMonitorRow,
  mmStamp,
  museLslText,
  readChunks,
  splitAt,
} from './read-helpers.ts';

/** A muse-lsl file with every quirk at once: BOM, CRLF, blank lines, a gap, markers, a zero run across a
 * chunk boundary, and no final line break. */
function quirkyMuseLsl(): string {
  const body = museLslText({
    rows: 900,
    eol: '\r\n',
    time: (i) => 3000 + (i < 500 ? i : i + 77) / 256,
    value: (i, c) => (c === 1 && i >= 250 && i < 265 ? 0 : ((i * 31 + c) % 97) / 4 - 12),
    marker: (i) => (i % 97 === 0 ? 1 + (i % 2) : 0),
  });
  const lines = body.split('\r\n');
  lines.splice(100, 0, '');
  return '\uFEFF' + lines.join('\r\n').trimEnd();
}

function quirkyMindMonitor(): string {
  const lines = [MIND_MONITOR_HEADER];
  for (let i = 0; i < 700; i++) {
    if (i % 150 === 3)
      lines.push(mindMonitorEvent(mmStamp(Math.floor(i / 256)).slice(0, 19), '/muse/elements/blink'));
    const raw = [800 + (i % 13), i >= 400 && i < 420 ? 0 : 790, 6.1317877e-4, 1682.815];
    lines.push(
      mindMonitorRow(mmStamp(Math.floor(i / 12) * (12 / 256)), raw, i % 5 === 0 ? { elements: '' } : {}),
    );
  }
  return lines.join('\n') + '\n';
}

function slowMangledMindMonitor(): string {
  const lines = [MIND_MONITOR_HEADER];
  for (let i = 0; i < 40; i++) {
    const s = (3590 + i) % 3600;
    const stamp = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${i % 10}`;
    if (i === 20) lines.push(mindMonitorEvent(stamp, '/muse/elements/jaw_clench'));
    lines.push(mindMonitorRow(stamp, [1, 2, 3, 4], { bands: (b, c) => b - c + i / 100, elements: '' }));
  }
  return lines.join('\n');
}

describe.each([
  ['muse-lsl with every quirk', quirkyMuseLsl()],
  ['Mind Monitor 256 Hz with events', quirkyMindMonitor()],
  ['Mind Monitor 1 row/s with mm:ss stamps', slowMangledMindMonitor()],
])('%s', (_, text) => {
  const bytes = bytesOf(text);
  const whole = readChunks('q.csv', [bytes]);

  it('reads without error and has something of every kind it should', () => {
    expect(whole.error).toBeNull();
    expect(whole.events.some((e) => e.kind === 'marker')).toBe(true);
  });

  it('gives the same scan, events and summary however the bytes are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 60 }), (cuts) => {
        const cut = readChunks('q.csv', splitAt(bytes, cuts));
        expect(cut.scan).toEqual(whole.scan);
        expect(cut.events).toEqual(whole.events);
        expect(cut.summary).toEqual(whole.summary);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same result byte by byte', () => {
    const bytewise = readChunks(
      'q.csv',
      splitAt(
        bytes,
        Array.from({ length: bytes.length }, (_, i) => i),
      ),
    );
    expect(bytewise.events).toEqual(whole.events);
  });
});

describe('the quirky muse-lsl file', () => {
  it('has its gap, zero run and markers where they were put', () => {
    const { events, summary } = readChunks('q.csv', [bytesOf(quirkyMuseLsl())]);
    expect(summary).toMatchObject({ rows: 900, gaps: 1, gapSamples: 77, zeroFilledRuns: 1, markers: 10 });
    expect(events.find((e) => e.kind === 'gap')).toMatchObject({ index: 500, missingSamples: 77 });
  });
});
