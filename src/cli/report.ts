/** `neurosleep report`: the session report (self-contained HTML, optional CSV) from any recording. */
import { writeFile } from 'node:fs/promises';
import { runOfflineAnalysis, type RecordingRead } from '../analysis/offline-analysis.ts';
import { RecordingError, type RecordingScan } from '../readers/index.ts';
import { renderReportCsv, renderReportHtml } from '../report/report-html.ts';
import { SessionRecorder, type SessionRecord } from '../report/session-record.ts';
import { summarizeSession, type SessionSummary } from '../report/session-summary.ts';

export async function reportFromRecording(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
  label: string,
  notch: { readonly mainsHz: 50 | 60 | null; readonly mainsHarmonics?: boolean },
  read?: RecordingRead,
): Promise<{ record: SessionRecord; summary: SessionSummary; error: RecordingError | null }> {
  const recorder = new SessionRecorder(label, scan.channels);
  let error: RecordingError | null = null;
  let signalEnd = 0;
  try {
    const parsed = await runOfflineAnalysis(
      scan,
      open,
      (frame, dream) => recorder.addUpdate(frame, dream.state),
      {
        ...notch,
        read,
        // The report records the dream's state, not its why.
        explain: false,
        onEvent: (e) => {
          if (e.kind === 'marker') recorder.addMarker(e.t, e.label);
          else if (e.kind === 'gap') recorder.addGap(e.t, e.missingSamples);
          else if (e.kind === 'samples') signalEnd = e.t0 + e.length / e.sampleRate;
        },
      },
    );
    signalEnd = Math.max(signalEnd, parsed.durationS);
  } catch (err) {
    // A malformed line ends the recording there: the report covers everything before it.
    if (!(err instanceof RecordingError)) throw err;
    error = err;
  }
  recorder.coverUntil(signalEnd);
  const record = recorder.toRecord();
  return { record, summary: summarizeSession(record), error };
}

export async function writeReport(
  record: SessionRecord,
  summary: SessionSummary,
  htmlPath: string | undefined,
  csvPath: string | undefined,
): Promise<void> {
  const html = renderReportHtml(record, summary);
  if (htmlPath) await writeFile(htmlPath, html);
  else process.stdout.write(html);
  if (csvPath) await writeFile(csvPath, renderReportCsv(record));
}
