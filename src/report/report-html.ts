/**
 * The session report as one self-contained HTML file: inline CSS and SVG, no script, no external resource, so it
 * opens offline and passes a strict Content-Security-Policy. Every chart has a text alternative.
 */
import { ALL_DREAM_DIMENSIONS } from '../dream/dream-state.ts';
import type { SessionRecord } from './session-record.ts';
import type { SessionSummary } from './session-summary.ts';

const WIDTH = 900;
const HEIGHT = 180;
const PAD = { left: 44, right: 12, top: 10, bottom: 24 };
/** Points drawn per series at most: bucket means beyond that, so an 8-hour report stays small. */
const MAX_POINTS = 900;

const DREAM_COLOURS: Record<string, string> = {
  calm: '#7fa8ff',
  dread: '#6f8f7a',
  wonder: '#f0c75e',
  drowsiness: '#b58cff',
  glitch: '#e07ad0',
  presence: '#9aa3b5',
};
const BAND_COLOURS = ['#5c7cfa', '#22b8cf', '#51cf66', '#fcc419', '#ff922b', '#cc5de8'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clock(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
}

function duration(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function downsample(t: Float32Array, v: Float32Array): { t: number[]; v: number[] } {
  const n = t.length;
  const buckets = Math.min(n, MAX_POINTS);
  const outT: number[] = [];
  const outV: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / buckets));
    let sum = 0;
    for (let i = from; i < to; i++) sum += v[i] ?? 0;
    outT.push(((t[from] ?? 0) + (t[to - 1] ?? 0)) / 2);
    outV.push(sum / (to - from));
  }
  return { t: outT, v: outV };
}

interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: Float32Array;
}

function chart(record: SessionRecord, series: readonly Series[], yMax: number, id: string): string {
  const span = Math.max(record.durationS, 1e-3);
  const x = (t: number) => PAD.left + (t / span) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) =>
    PAD.top + (1 - Math.min(1, Math.max(0, v / yMax))) * (HEIGHT - PAD.top - PAD.bottom);
  const parts: string[] = [];
  for (const g of record.gaps) {
    parts.push(
      `<rect x="${x(g.t).toFixed(1)}" y="${PAD.top}" width="3" height="${HEIGHT - PAD.top - PAD.bottom}" fill="#e07ad055"/>`,
    );
  }
  for (const m of record.markers) {
    parts.push(
      `<line x1="${x(m.t).toFixed(1)}" x2="${x(m.t).toFixed(1)}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" stroke="#ffffff40" stroke-dasharray="2 3"/>`,
    );
  }
  for (const s of series) {
    const d = downsample(record.t, s.values);
    const path = d.t
      .map((t, i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(d.v[i] ?? 0).toFixed(1)}`)
      .join('');
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="1.5"/>`);
  }
  const ticks: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const t = (span * i) / 4;
    ticks.push(`<text x="${x(t).toFixed(1)}" y="${HEIGHT - 6}" text-anchor="middle">${clock(t)}</text>`);
  }
  ticks.push(`<text x="${PAD.left - 6}" y="${y(yMax) + 4}" text-anchor="end">${yMax}</text>`);
  ticks.push(`<text x="${PAD.left - 6}" y="${y(0)}" text-anchor="end">0</text>`);
  const legend = series
    .map((s) => `<span class="key"><i style="background:${s.colour}"></i>${escapeHtml(s.name)}</span>`)
    .join(' ');
  // One image to assistive technology: named by its caption, described by the sentences under it.
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-alt" id="${id}">
<rect x="${PAD.left}" y="${PAD.top}" width="${WIDTH - PAD.left - PAD.right}" height="${HEIGHT - PAD.top - PAD.bottom}" fill="#0d1324"/>
${parts.join('\n')}
<g class="ticks">${ticks.join('')}</g>
</svg>
<div class="legend">${legend}</div>`;
}

/** A sentence per series: its mean and where it peaked, the chart's text alternative. */
function describe(record: SessionRecord, series: readonly Series[], unit: string): string {
  return series
    .map((s) => {
      let sum = 0;
      let peak = -Infinity;
      let at = 0;
      s.values.forEach((v, i) => {
        sum += v;
        if (v > peak) {
          peak = v;
          at = record.t[i] ?? 0;
        }
      });
      if (s.values.length === 0) return `${s.name}: no data.`;
      return `${s.name}: mean ${(sum / s.values.length).toFixed(2)}${unit}, highest ${peak.toFixed(2)}${unit} at ${clock(at)}.`;
    })
    .join(' ');
}

/** The share of the session spent in calm, dread and wonder, in words: the dream chart's headline numbers. */
function timeShares(summary: SessionSummary): string {
  const span = Math.max(summary.durationS, 1e-9);
  const pct = (s: number) => `${Math.round((100 * s) / span)}%`;
  const { calm, dread, wonder } = summary.timeInS;
  return `Calm ${pct(calm)} of the session, dread ${pct(dread)}, wonder ${pct(wonder)}.`;
}

function figure(id: string, title: string, svg: string, alt: string): string {
  return `<figure><figcaption id="${id}-title">${escapeHtml(title)}</figcaption>${svg}<div id="${id}-alt"><p class="alt">${escapeHtml(alt)}</p></div></figure>`;
}

/**
 * `body` in the downloaded file, `:host` in the app, where the report sits in a shadow root: its styles stay its
 * own, and keys pressed in it still reach the app (an iframe would swallow Esc, the unplug key).
 */
const REPORT_CSS = `body,:host{display:block;margin:0;padding:24px;background:#05070d;color:#dfe6f3;font:14px/1.5 system-ui,sans-serif}
main{max-width:940px;margin:auto}
h1{font-size:22px;margin:0 0 4px}
.sub{color:#9aa3b5;margin:0 0 20px}
table{border-collapse:collapse;margin:8px 0 20px}
td,th{padding:4px 12px 4px 0;text-align:left;border-bottom:1px solid #1e2740}
figure{margin:0 0 24px}
figcaption{font-weight:600;margin-bottom:6px}
svg{width:100%;height:auto;display:block}
.ticks text{fill:#9aa3b5;font-size:11px}
.legend{margin-top:4px;font-size:12px}
.key{margin-right:12px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.alt{color:#9aa3b5;font-size:12px}`;

/** The report as a standalone HTML document: what "Download report" saves. */
export function renderReportHtml(
  record: SessionRecord,
  summary: SessionSummary,
  generatedAt = new Date(),
): string {
  return reportDocument(record.label, renderReportMain(record, summary, generatedAt));
}

/**
 * The report twice from one rendering: as the standalone document, and as markup for a shadow root in the app
 * (its style and its <main>, no document around them).
 */
export function renderReportViews(
  record: SessionRecord,
  summary: SessionSummary,
  generatedAt = new Date(),
): { readonly html: string; readonly fragment: string } {
  const main = renderReportMain(record, summary, generatedAt);
  return { html: reportDocument(record.label, main), fragment: `<style>${REPORT_CSS}</style>${main}` };
}

function reportDocument(label: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>NeuroSleep session report: ${escapeHtml(label)}</title>
<style>
${REPORT_CSS}
</style>
</head>
<body>
${main}
</body>
</html>
`;
}

function renderReportMain(record: SessionRecord, summary: SessionSummary, generatedAt: Date): string {
  const dreamSeries: Series[] = ALL_DREAM_DIMENSIONS.filter((d) => d !== 'presence').map((d) => ({
    name: d,
    colour: DREAM_COLOURS[d] ?? '#ccc',
    values: record.dream[d],
  }));
  const bandSeries: Series[] = record.bands.map((b, i) => ({
    name: b,
    colour: BAND_COLOURS[i % BAND_COLOURS.length] ?? '#ccc',
    values: record.relativeBands[i] ?? new Float32Array(),
  }));
  const qualitySeries: Series[] = [
    {
      name: 'electrodes with bad contact',
      colour: DREAM_COLOURS.glitch ?? '#ccc',
      values: record.badContact,
    },
  ];
  const rec = summary.recoveries;
  const rows: [string, string][] = [
    ['Duration', duration(summary.durationS)],
    ['Time in calm', duration(summary.timeInS.calm)],
    ['Time in dread', duration(summary.timeInS.dread)],
    ['Time in wonder', duration(summary.timeInS.wonder)],
    [
      'Recoveries from dread',
      rec.count === 0
        ? 'none'
        : `${rec.count}, median recovery time ${duration(rec.medianS ?? 0)}` +
          (summary.unresolvedDreadEpisodes ? ' (one episode still open at the end)' : ''),
    ],
    [
      'Safety governor interventions',
      summary.interventions === null
        ? 'not recorded (offline analysis of a recording)'
        : String(summary.interventions),
    ],
    ['Markers', String(summary.markers)],
    ['Signal gaps', `${summary.gaps.count} (${summary.gaps.missingSamples} samples lost)`],
    ['Mean share of electrodes with bad contact', `${Math.round(summary.meanBadContact * 100)}%`],
  ];
  const audit = !record.audit
    ? '<p>No governor ran: this report was computed offline from a recording.</p>'
    : record.audit.length
      ? `<table><thead><tr><th>Time</th><th>Intervention</th><th>Cause</th></tr></thead><tbody>${record.audit
          .map(
            (a) =>
              `<tr><td>${clock(a.t)}</td><td>${escapeHtml(a.kind)}</td><td>${escapeHtml(a.cause)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>The safety governor did not need to intervene.</p>';
  const markers = record.markers.length
    ? `<ul>${record.markers
        .slice(0, 500)
        .map((m) => `<li>${clock(m.t)}: ${escapeHtml(m.label)}</li>`)
        .join(
          '',
        )}</ul>${record.markers.length > 500 ? `<p>… and ${record.markers.length - 500} more.</p>` : ''}`
    : '<p>No markers.</p>';

  return `<main>
<h1>Session report</h1>
<p class="sub">${escapeHtml(record.label)} · ${escapeHtml(record.channels.join(', '))} · generated ${escapeHtml(generatedAt.toISOString())}</p>
<h2>Summary</h2>
<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>
${figure('dream', 'Dream state (0 to 1)', chart(record, dreamSeries, 1, 'dream'), `${timeShares(summary)} ${describe(record, dreamSeries, '')}`)}
${figure('bands', 'Relative band powers (share of total)', chart(record, bandSeries, 1, 'bands'), describe(record, bandSeries, ''))}
${figure('quality', 'Signal quality', chart(record, qualitySeries, 1, 'quality'), describe(record, qualitySeries, ''))}
<h2>Safety governor</h2>
${audit}
<h2>Markers</h2>
${markers}
<p class="alt">Dashed lines mark markers; shaded bars mark gaps in the signal. Everything in this report was computed on this device.</p>
</main>`;
}

/** The record as CSV: one row per update. */
export function renderReportCsv(record: SessionRecord): string {
  const dims = ALL_DREAM_DIMENSIONS;
  const header = ['TimeStamp', ...dims, ...record.bands.map((b) => `Relative_${b}`), 'BadContact'].join(',');
  const lines = [header];
  for (let i = 0; i < record.t.length; i++) {
    const cells = [(record.t[i] ?? 0).toFixed(3)];
    for (const d of dims) cells.push((record.dream[d][i] ?? 0).toFixed(4));
    for (const b of record.relativeBands) cells.push((b[i] ?? 0).toFixed(4));
    cells.push((record.badContact[i] ?? 0).toFixed(3));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
