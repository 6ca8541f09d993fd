/**
 * `?source=mock` in the app: installs the emulated headset, fed by `&recording=<url>` or the synthesizer, with
 * faults from the query string, e.g. `?source=mock&loss=0.05&burstAt=20&burstPackets=200&disconnectAt=30&reconnectAt=40&flat=1&nodAt=12`.
 */
import { scanRecording, streamToAsyncIterable } from '../../src/readers/index.ts';
import type { PlaybackClock } from '../../src/source/clock.ts';
import type { MuseFaults } from './faults.ts';
import { eventFeed, recordingEvents, synthFeed, type EegBlockFeed } from './feeds.ts';
import { installMockMuse, type InstalledMockMuse, type MuseModel } from './mock-muse.ts';

function num(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`?${name}= expects a number, found "${raw}"`);
  return v;
}

/** Faults named in the query string; unknown parameters are left to the rest of the app. */
export function faultsFromParams(params: URLSearchParams): MuseFaults {
  const burstAt = num(params, 'burstAt');
  const nodAt = num(params, 'nodAt');
  const faults: Record<string, unknown> = {
    seed: num(params, 'faultSeed'),
    lossRate: num(params, 'loss'),
    electrodeLossRate: num(params, 'electrodeLoss'),
    duplicateRate: num(params, 'duplicate'),
    reorderRate: num(params, 'reorder'),
    disconnectAtS: num(params, 'disconnectAt'),
    availableAgainAtS: num(params, 'reconnectAt'),
    batteryStartPct: num(params, 'battery'),
    batteryDrainPctPerHour: num(params, 'drain'),
    flatElectrode: num(params, 'flat'),
    railElectrode: num(params, 'rail'),
    lossBursts:
      burstAt === undefined ? undefined : [{ atS: burstAt, packets: num(params, 'burstPackets') ?? 100 }],
    headMotion:
      nodAt === undefined ? undefined : [{ atS: nodAt, durationS: 1, peakG: num(params, 'nodG') ?? 0.3 }],
  };
  for (const k of Object.keys(faults)) if (faults[k] === undefined) delete faults[k];
  return faults as MuseFaults;
}

async function recordingFeed(url: string): Promise<EegBlockFeed> {
  const name = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() || url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name}: the server answered ${response.status} ${response.statusText}`);
  const blob = await response.blob();
  const open = () => streamToAsyncIterable(blob.stream());
  const scan = await scanRecording(name, open);
  if (!scan.hasRawEeg) throw new Error(`${name}: has no raw EEG to send as Muse packets (band powers only)`);
  return eventFeed(scan.channels, recordingEvents(scan, open));
}

/**
 * The app's emulated headset. `clock` paces it (a sped-up one under `?debug=1&speed=N`: packets then go out in
 * batches of 50 ms of real time). It keeps no ground-truth log: that is for tests, and would grow for as long as
 * a kiosk runs.
 */
export async function installMockMuseFromParams(
  params: URLSearchParams,
  clock?: PlaybackClock,
  speed = 1,
): Promise<InstalledMockMuse> {
  const recording = params.get('recording');
  const model = params.get('model');
  const feed = recording ? await recordingFeed(recording) : synthFeed({ seed: 7 });
  const installed = installMockMuse({
    feed,
    faults: faultsFromParams(params),
    ...(clock ? { clock } : {}),
    ...(speed > 1 ? { batchS: 0.05 * speed } : {}),
    ...(model === 'Muse 2' || model === 'Muse S' || model === 'Muse 2016'
      ? { model: model as MuseModel }
      : {}),
  });
  installed.muse.keepLog = false;
  return installed;
}
