import { describe, expect, it } from 'vitest';
import { CALM_DREAM, type DreamState } from '../../../src/dream/dream-state.ts';
import { channelMeans, type BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { renderReportCsv, renderReportHtml, renderReportViews } from '../../../src/report/report-html.ts';
import { SessionRecorder } from '../../../src/report/session-record.ts';
import { summarizeSession } from '../../../src/report/session-summary.ts';

const BANDS = ['delta', 'theta', 'alpha', 'beta', 'gamma'];

function frame(t: number, valid = [1, 1]): BandPowerFrame {
  const absolute = new Float64Array(10).fill(1);
  const relative = new Float64Array(10).fill(0.2);
  const v = Uint8Array.from(valid);
  return {
    t,
    origin: 'dsp',
    bands: BANDS,
    channels: ['TP9', 'TP10'],
    absolute,
    relative,
    ...channelMeans(absolute, relative, v, 5, 2),
    valid: v,
    quality: Uint8Array.from(valid.map((x) => (x ? 1 : 4))),
  };
}

/** 100 s at 10 updates/s: dread episodes at 10–25 s and 50–58 s, wonder 70–80 s, one open at 95 s. */
function dreamAt(t: number): DreamState {
  const dread = (t >= 10 && t < 25) || (t >= 50 && t < 58) || t >= 95 ? 0.8 : 0.1;
  const wonder = t >= 70 && t < 80 ? 0.7 : 0;
  return { ...CALM_DREAM, calm: dread > 0.5 ? 0.1 : 0.9, dread, wonder };
}

function record(label = 'session <1>.csv') {
  const r = new SessionRecorder(label, ['TP9', 'TP10']);
  for (let i = 0; i < 1000; i++) {
    const t = i / 10;
    r.addUpdate(frame(t, t < 30 ? [1, 1] : [1, 0]), dreamAt(t));
  }
  r.addMarker(12.5, 'eyes <closed>');
  r.addGap(40, 24);
  r.coverUntil(100);
  return r.toRecord();
}

describe('session summary', () => {
  it('counts time in each state, recoveries from dread with their median, gaps and markers', () => {
    const s = summarizeSession(record());
    expect(s.durationS).toBe(100);
    expect(s.timeInS.dread).toBeCloseTo(15 + 8 + 5, 0);
    expect(s.timeInS.wonder).toBeCloseTo(10, 0);
    expect(s.timeInS.calm).toBeCloseTo(100 - 28, 0);
    expect(s.recoveries.count).toBe(2);
    expect(s.recoveries.timesS[0]).toBeCloseTo(15, 1);
    expect(s.recoveries.timesS[1]).toBeCloseTo(8, 1);
    expect(s.recoveries.medianS).toBeCloseTo(11.5, 1);
    expect(s.unresolvedDreadEpisodes).toBe(1);
    expect(s.gaps).toEqual({ count: 1, missingSamples: 24 });
    expect(s.markers).toBe(1);
    expect(s.interventions).toBeNull();
    expect(s.meanBadContact).toBeCloseTo(0.35, 2);
  });

  it('counts governor interventions when a governor ran', () => {
    const r = new SessionRecorder('live', ['TP9']);
    r.governed();
    expect(summarizeSession(r.toRecord()).interventions).toBe(0);
    r.addAudit({ t: 3, kind: 'de-escalation', cause: 'dread above 0.6 for 20 s' });
    expect(summarizeSession(r.toRecord()).interventions).toBe(1);
  });
});

describe('report HTML', () => {
  it('is self-contained: no script, no external resource, escaped text, text alternatives for every chart', () => {
    const rec = record();
    const html = renderReportHtml(rec, summarizeSession(rec), new Date('2026-01-01T00:00:00Z'));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).toContain('session &#60;1&#62;.csv');
    expect(html).toContain('eyes &#60;closed&#62;');
    expect(html).not.toContain('<closed>');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html.match(/<p class="alt">[^<]*dread: mean/)).not.toBeNull();
    expect(html).toMatch(/Recoveries from dread<\/th><td>2, median recovery time 11\.5 s/);
  });

  it("in the app, is the same report without a document around it, styled for a shadow root's host", () => {
    const rec = record();
    const at = new Date('2026-01-01T00:00:00Z');
    const { html, fragment } = renderReportViews(rec, summarizeSession(rec), at);
    expect(html).toBe(renderReportHtml(rec, summarizeSession(rec), at));
    expect(fragment).toMatch(/^<style>[^<]*:host\{[^<]*<\/style><main>/);
    expect(fragment).not.toMatch(/<(html|head|body|meta|title)\b/);
    const main = (s: string) => s.slice(s.indexOf('<main>'), s.indexOf('</main>'));
    expect(main(fragment)).toBe(main(html));
    expect(main(html).length).toBeGreaterThan(1000);
  });

  it('stays small for a long session: charts are bucketed', () => {
    const r = new SessionRecorder('long', ['TP9', 'TP10']);
    for (let i = 0; i < 8 * 3600 * 10; i += 1) r.addUpdate(frame(i / 10), dreamAt((i / 10) % 100));
    const rec = r.toRecord();
    expect(rec.t.length).toBe(288_000);
    expect(renderReportHtml(rec, summarizeSession(rec)).length).toBeLessThan(400_000);
  });

  it('exports the time series as CSV, one row per update', () => {
    const csv = renderReportCsv(record()).trimEnd().split('\n');
    expect(csv[0]).toMatch(/^TimeStamp,calm,dread,wonder,/);
    expect(csv).toHaveLength(1001);
    expect(csv[101]?.split(',')[0]).toBe('10.000');
  });
});
