/**
 * A Muse headset as an EegSource, through muse-js's MuseClient (bridged from its rxjs 6 in muse-bridge.ts):
 *
 *   button.onclick = async () => controller.play(await connectMuse());   // the chooser needs a user gesture
 *
 * Time comes from the packets' sequence numbers (muse-sequence.ts), never from muse-js's shared timestamp
 * counter. The link is kept alive with `k`; when it drops, the source reconnects on its own (new GATT server,
 * service and characteristics, preset and `d` again), marks the gap and says 'reconnecting' meanwhile; after
 * `giveUpAfterS` it stops with a clear status, and everything received so far stays with the session.
 */
import {
  MuseClient,
  type AccelerometerData,
  type EEGReading,
  type MuseControlResponse,
  type PPGReading,
  type TelemetryData,
} from 'muse-js';
import { BehaviorSubject, Observable, share, Subject, type Subscription } from 'rxjs';
import { realTimeClock, type PlaybackClock } from './clock.ts';
import { bridgeMuseClient } from './muse-bridge.ts';
import { describeMuseError, MuseConnectError, webBluetoothProblem } from './muse-errors.ts';
import { PpgHeartRate } from '../../dsp/ppg-heart-rate.ts';
import { HostClockAnchor } from './muse-host-clock.ts';
import { PacketClock } from './muse-packet-clock.ts';
import {
  MUSE_EEG_RATE_HZ,
  MUSE_SAMPLES_PER_PACKET,
  MuseSequenceAssembler,
  type SequenceStats,
} from './muse-sequence.ts';
import type { EegSource, ImuChunk, PpgChunk, SourceEvent, SourceInfo, SourceStatus } from './types.ts';

export { MuseConnectError, webBluetoothProblem } from './muse-errors.ts';

export const MUSE_SERVICE = 0xfe8d;
/** Muse 2 / Muse S IMU: 52 Hz, three samples per notification. */
export const MUSE_IMU_RATE_HZ = 52;
export const MUSE_IMU_SAMPLES_PER_PACKET = 3;
/** PPG (preset p50): 64 Hz, six samples per notification, channels in muse-js's order. */
export const MUSE_PPG_RATE_HZ = 64;
export const MUSE_PPG_SAMPLES_PER_PACKET = 6;
export const MUSE_PPG_CHANNELS = ['ambient', 'infrared', 'red'] as const;
export type MusePreset = 'p20' | 'p21' | 'p50';

export interface MuseSourceOptions {
  /** 'mock' when the device is the emulated headset. */
  readonly kind?: 'muse' | 'mock';
  /** p21: 4 EEG channels (default); p20: with AUX; p50: with PPG (Muse 2, Muse S). */
  readonly preset?: MusePreset;
  /** Host clock for keep-alives, reconnect timing and gap estimates; a virtual one in tests. */
  readonly clock?: PlaybackClock;
  /** Seconds between keep-alive `k` commands. */
  readonly keepAliveS?: number;
  /** Give up reconnecting after this long without the headset. */
  readonly giveUpAfterS?: number;
  /** Pause between reconnect attempts. */
  readonly retryDelayS?: number;
  /** Packets a late (reordered) packet may trail the newest one and still be put in place. */
  readonly reorderWindow?: number;
  /** Seconds (real time) without EEG on a live link before the source says 'stalled' and resends `d`. 0: never. */
  readonly stallS?: number;
  /** How long one GATT connection attempt may take. */
  readonly connectTimeoutS?: number;
  /** How long to wait for the `v1` device-info answer before going on without it. */
  readonly deviceInfoTimeoutS?: number;
}

export interface MuseDeviceState {
  readonly name: string;
  readonly connected: boolean;
  readonly reconnects: number;
  readonly firmware?: string;
  readonly hardware?: string;
  /** 0..100 from telemetry (or the `s` status answer until the first telemetry). */
  readonly batteryPct?: number;
  /** Latest accelerometer sample, g, and gyroscope sample, °/s. */
  readonly accelerometer?: { x: number; y: number; z: number };
  readonly gyroscope?: { x: number; y: number; z: number };
  /** PPG packets received per channel (ambient, infrared, red) and PPG packets lost by sequence. */
  readonly ppgPackets?: number;
  readonly ppgLost?: number;
  /** True while PPG packets keep coming (preset p50): "PPG streaming" in the UI. */
  readonly ppgStreaming?: boolean;
  /** Heart rate from the infrared PPG's beat intervals (dsp/ppg-heart-rate.ts), once it has found beats. */
  readonly heartRateBpm?: number;
  readonly keepAlivesSent: number;
  /** The last reconnect failure, in the user's words. */
  readonly lastProblem?: string;
}

export interface MuseSource extends EegSource {
  readonly device$: BehaviorSubject<MuseDeviceState>;
  /** Accelerometer (g) and gyroscope (°/s) samples on the EEG session clock; see {@link EegSource.imu$}. */
  readonly imu$: Observable<ImuChunk>;
  /** PPG samples per optical channel (preset p50 only; completes without values otherwise). */
  readonly ppg$: Observable<PpgChunk>;
  readonly sequenceStats: SequenceStats;
  /** Host-clock time (s, the source's clock) at which sample `index` was taken: latency-free, drift-corrected. */
  hostTimeAt(index: number): number;
}

interface MinimalDevice {
  readonly name?: string;
  readonly gatt?: { connected: boolean; connect(): Promise<unknown>; disconnect(): void };
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

interface BluetoothLike {
  requestDevice(options: {
    filters: { services: number[] }[];
    optionalServices?: number[];
  }): Promise<unknown>;
}

const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];

function bluetooth(): BluetoothLike | null {
  const nav = (globalThis as { navigator?: { bluetooth?: BluetoothLike } }).navigator;
  return nav?.bluetooth ?? null;
}

/**
 * Opens the browser's chooser and connects to the Muse picked there. Call it from a click or key handler.
 * Rejects with a MuseConnectError whose message is meant for the user.
 */
export async function connectMuse(options: MuseSourceOptions = {}): Promise<MuseSource> {
  const problem = webBluetoothProblem();
  const bt = bluetooth();
  if (problem || !bt)
    throw problem ?? new MuseConnectError('unsupported-browser', 'This browser has no Web Bluetooth.');
  let device: MinimalDevice;
  try {
    device = (await bt.requestDevice({ filters: [{ services: [MUSE_SERVICE] }] })) as MinimalDevice;
  } catch (err) {
    throw describeMuseError(err, 'request');
  }
  const link = new MuseLink(device, options);
  await link.open();
  return link.source();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException('GATT connection timed out', 'NetworkError')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Connection {
  readonly client: MuseClient;
  readonly subscriptions: Subscription[];
}

/** One chosen headset across however many GATT connections it takes. */
class MuseLink {
  private readonly clock: PlaybackClock;
  private readonly preset: MusePreset;
  private readonly status$ = new BehaviorSubject<SourceStatus>({ state: 'idle' });
  readonly device$: BehaviorSubject<MuseDeviceState>;
  private connection: Connection | null = null;
  private assembler: MuseSequenceAssembler | null = null;
  private emit: ((e: SourceEvent) => void) | null = null;
  private complete: (() => void) | null = null;
  private stopped = false;
  private lastPacketAt = 0;
  private lastKeepAliveAt = 0;
  private streaming = false;
  private readonly electrodes: number;
  private readonly ppgSeq = new Map<number, number>();
  private readonly onDisconnected = () => void this.handleDisconnect();
  private readonly anchor = new HostClockAnchor(MUSE_EEG_RATE_HZ);
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastPacketWallMs = 0;
  private stalled = false;
  private reconnecting = false;
  private readonly imu$ = new Subject<ImuChunk>();
  private readonly ppg$ = new Subject<PpgChunk>();
  private readonly accelClock = new PacketClock(MUSE_IMU_SAMPLES_PER_PACKET, MUSE_IMU_RATE_HZ);
  private readonly gyroClock = new PacketClock(MUSE_IMU_SAMPLES_PER_PACKET, MUSE_IMU_RATE_HZ);
  private readonly heartRate = new PpgHeartRate({ sampleRate: MUSE_PPG_RATE_HZ });
  private readonly ppgClocks = MUSE_PPG_CHANNELS.map(
    () => new PacketClock(MUSE_PPG_SAMPLES_PER_PACKET, MUSE_PPG_RATE_HZ),
  );

  constructor(
    private readonly device: MinimalDevice,
    private readonly options: MuseSourceOptions,
  ) {
    this.clock = options.clock ?? realTimeClock();
    this.preset = options.preset ?? 'p21';
    this.electrodes = this.preset === 'p20' ? 5 : 4;
    this.device$ = new BehaviorSubject<MuseDeviceState>({
      name: device.name || 'Muse',
      connected: false,
      reconnects: 0,
      keepAlivesSent: 0,
    });
  }

  private patch(p: Partial<MuseDeviceState>): void {
    this.device$.next({ ...this.device$.value, ...p });
  }

  /** Connects the GATT server and lets muse-js find the service and characteristics (again, after a drop). */
  async open(): Promise<void> {
    const gatt = this.device.gatt;
    if (!gatt) throw describeMuseError(new DOMException('no GATT server', 'NotSupportedError'), 'service');
    let server: unknown;
    try {
      // Chrome's connect() can wait indefinitely for a headset that is gone; a reconnect loop must not.
      server = await withTimeout(gatt.connect(), (this.options.connectTimeoutS ?? 15) * 1000);
    } catch (err) {
      // Aborts a connect() that timed out but is still pending, so it cannot come up later without a client.
      gatt.disconnect();
      throw describeMuseError(err, 'connect');
    }
    const client = new MuseClient();
    client.enableAux = this.preset === 'p20';
    client.enablePpg = this.preset === 'p50';
    try {
      await client.connect(server as BluetoothRemoteGATTServer);
    } catch (err) {
      gatt.disconnect();
      throw describeMuseError(err, 'service');
    }
    if (this.stopped) {
      // stop() came while muse-js was connecting: neither the link nor this client may outlive the source.
      gatt.disconnect();
      return;
    }
    this.device.removeEventListener('gattserverdisconnected', this.onDisconnected);
    this.device.addEventListener('gattserverdisconnected', this.onDisconnected);
    this.connection = { client, subscriptions: [] };
    for (const c of [this.accelClock, this.gyroClock, ...this.ppgClocks]) c.reset();
    this.watchDevice(this.connection);
    this.patch({ connected: true });
  }

  /** Asks for `v1` once; a headset that does not answer in time is streamed without device info. */
  private async readDeviceInfo(client: MuseClient): Promise<void> {
    const timeoutMs = (this.options.deviceInfoTimeoutS ?? 3) * 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const info = await Promise.race([
      client.deviceInfo(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (info) this.patch({ firmware: String(info.fw), hardware: String(info.hw) });
  }

  private watchDevice(conn: Connection): void {
    const streams = bridgeMuseClient<
      EEGReading,
      TelemetryData,
      AccelerometerData,
      MuseControlResponse,
      PPGReading
    >(conn.client);
    conn.subscriptions.push(
      streams.telemetry$.subscribe((t) => this.patch({ batteryPct: Math.round(t.batteryLevel * 10) / 10 })),
      streams.accelerometer$.subscribe((a) => {
        const s = a.samples.at(-1);
        if (s) this.patch({ accelerometer: s });
        this.emitImu('accelerometer', this.accelClock, a);
      }),
      streams.gyroscope$.subscribe((g) => {
        const s = g.samples.at(-1);
        if (s) this.patch({ gyroscope: s });
        this.emitImu('gyroscope', this.gyroClock, g);
      }),
      streams.control$.subscribe((r) => {
        if (typeof r.bp === 'number' && this.device$.value.batteryPct === undefined)
          this.patch({ batteryPct: r.bp });
      }),
    );
    if (streams.ppg$) {
      conn.subscriptions.push(
        streams.ppg$.subscribe((p) => {
          // Own per-characteristic counter: muse-js's shared one jumps when EEG and PPG both stream.
          const last = this.ppgSeq.get(p.ppgChannel);
          const lost = last === undefined ? 0 : Math.max(0, ((p.index - last) & 0xffff) - 1);
          this.ppgSeq.set(p.ppgChannel, p.index);
          const d = this.device$.value;
          this.patch({
            ppgPackets: (d.ppgPackets ?? 0) + 1,
            ppgLost: (d.ppgLost ?? 0) + (lost < 0x8000 ? lost : 0),
            ppgStreaming: true,
          });
          if (p.ppgChannel === 1) this.trackHeartRate(p, lost < 0x8000 ? lost : 0);
          this.emitPpg(p);
        }),
      );
    }
    conn.subscriptions.push(
      streams.eeg$.subscribe((r) => {
        this.lastPacketAt = this.clock.now();
        this.lastPacketWallMs = performance.now();
        if (this.stalled) {
          this.stalled = false;
          this.status$.next({ state: 'streaming' });
        }
        this.assembler?.push(r.electrode, r.index, r.samples);
        this.keepAlive(conn.client);
      }),
    );
  }

  /**
   * Session time (EEG clock, s) of the newest sample taken now, from the host-clock anchor; null before the
   * first EEG packet. The anchor stamps a packet's first sample with its arrival, when its last one was taken.
   */
  private sessionTimeNow(): number | null {
    const h0 = this.anchor.hostTimeAt(0);
    const h1 = this.anchor.hostTimeAt(MUSE_EEG_RATE_HZ);
    if (!Number.isFinite(h0) || !(h1 > h0)) return null;
    return (this.clock.now() - h0) / (h1 - h0) + (MUSE_SAMPLES_PER_PACKET - 1) / MUSE_EEG_RATE_HZ;
  }

  /** IMU packets before the first EEG packet have no session time yet and are dropped. */
  private emitImu(kind: ImuChunk['kind'], clock: PacketClock, a: AccelerometerData): void {
    if (!this.imu$.observed) return;
    const now = this.sessionTimeNow();
    const t0 = now === null ? null : clock.place(a.sequenceId, now);
    if (t0 === null) return;
    const n = a.samples.length;
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    const z = new Float32Array(n);
    a.samples.forEach((s, i) => {
      x[i] = s.x;
      y[i] = s.y;
      z[i] = s.z;
    });
    this.imu$.next({ kind, t0, sampleRate: MUSE_IMU_RATE_HZ, x, y, z, length: n });
  }

  /**
   * The reflected infrared light falls as blood volume rises, so the wave is negated for the beat detector;
   * lost packets are a hole that restarts it.
   */
  private trackHeartRate(p: PPGReading, lost: number): void {
    if (lost > 0) this.heartRate.push([NaN]);
    this.heartRate.push(p.samples.map((v) => -v));
    const bpm = this.heartRate.bpm;
    const rounded = bpm === null ? undefined : Math.round(bpm);
    if (rounded !== undefined && rounded !== this.device$.value.heartRateBpm)
      this.patch({ heartRateBpm: rounded });
  }

  private emitPpg(p: PPGReading): void {
    const channel = MUSE_PPG_CHANNELS[p.ppgChannel];
    const clock = this.ppgClocks[p.ppgChannel];
    if (!this.ppg$.observed || !channel || !clock) return;
    const now = this.sessionTimeNow();
    const t0 = now === null ? null : clock.place(p.index, now);
    if (t0 === null) return;
    this.ppg$.next({
      kind: 'ppg',
      channel,
      t0,
      sampleRate: MUSE_PPG_RATE_HZ,
      samples: Float32Array.from(p.samples),
    });
  }

  private keepAlive(client: MuseClient): void {
    const now = this.clock.now();
    if (now - this.lastKeepAliveAt < (this.options.keepAliveS ?? 10)) return;
    this.lastKeepAliveAt = now;
    client.sendCommand('k').then(
      () => this.patch({ keepAlivesSent: this.device$.value.keepAlivesSent + 1 }),
      // A failed write means the link is going; the disconnect handler takes over from here.
      () => this.patch({ connected: Boolean(this.device.gatt?.connected) }),
    );
  }

  /** Preset, `s`, `d` (muse-js's start), and device info the first time. */
  private async startStreaming(first: boolean): Promise<void> {
    const conn = this.connection;
    if (!conn) return;
    try {
      await conn.client.start();
    } catch (err) {
      throw describeMuseError(err, 'start');
    }
    this.lastKeepAliveAt = this.clock.now();
    if (first) await this.readDeviceInfo(conn.client);
  }

  /**
   * A headset that stops sending on a live link (the drop Muse tools see after 10–15 min) is told `d` again,
   * once per check; if that does not help within three stall periods the link is dropped so the reconnect
   * logic takes over. Real time, not the playback clock: this watches the radio.
   */
  private startWatchdog(): void {
    const stallS = this.options.stallS ?? 5;
    if (stallS <= 0 || this.watchdog) return;
    this.lastPacketWallMs = performance.now();
    this.watchdog = setInterval(
      () => {
        const conn = this.connection;
        if (this.stopped || !conn || this.status$.value.state === 'reconnecting') return;
        const silentMs = performance.now() - this.lastPacketWallMs;
        if (silentMs < stallS * 1000) return;
        this.stalled = true;
        this.status$.next({ state: 'stalled', sinceS: Math.round(silentMs / 100) / 10 });
        if (silentMs >= 3 * stallS * 1000) {
          this.lastPacketWallMs = performance.now();
          this.device.gatt?.disconnect();
          return;
        }
        conn.client.resume().then(
          () => undefined,
          () => this.patch({ lastProblem: 'The Muse did not take the command to resume streaming.' }),
        );
      },
      Math.max(50, (stallS * 1000) / 2),
    );
  }

  private closeConnection(): void {
    const conn = this.connection;
    this.connection = null;
    if (!conn) return;
    for (const s of conn.subscriptions) s.unsubscribe();
  }

  /**
   * A failed attempt can leave the GATT link up (muse-js connected, then the preset or `d` was refused). Its
   * MuseClient waits for `gattserverdisconnected` on the device, which keeps it alive until that event comes:
   * dropping the link fires it, and the next attempt starts on a clean link instead of reusing this one.
   */
  private abandonConnection(): void {
    this.closeConnection();
    if (this.device.gatt?.connected) this.device.gatt.disconnect();
  }

  private async handleDisconnect(): Promise<void> {
    // A link that drops again while a reconnect is under way is that attempt failing, not a second loop.
    if (this.stopped || !this.streaming || this.reconnecting) return;
    this.reconnecting = true;
    try {
      await this.reconnect();
    } finally {
      this.reconnecting = false;
    }
  }

  private async reconnect(): Promise<void> {
    this.closeConnection();
    this.assembler?.flush();
    this.patch({ connected: false, ...(this.device$.value.ppgStreaming ? { ppgStreaming: false } : {}) });
    const lostAt = this.lastPacketAt;
    const since = this.clock.now();
    const giveUp = this.options.giveUpAfterS ?? 120;
    const delay = this.options.retryDelayS ?? 1;
    for (let attempt = 1; !this.stopped; attempt++) {
      this.status$.next({ state: 'reconnecting', attempt });
      try {
        await this.open();
        if (this.stopped) return;
        // Before `d`: the first packet of the new connection must already be unwrapped against the host clock.
        this.assembler?.resume(this.clock.now() - lostAt, 'link lost; reconnected');
        await this.startStreaming(false);
        this.patch({ reconnects: this.device$.value.reconnects + 1 });
        this.status$.next({ state: 'streaming' });
        return;
      } catch (err) {
        // Every failure here is a link that is not back yet; the next attempt (or giving up) follows.
        this.abandonConnection();
        this.patch({ lastProblem: describeMuseError(err, 'connect').message });
      }
      if (this.clock.now() - since >= giveUp) break;
      const controller = new AbortController();
      await this.clock.waitUntil(this.clock.now() + delay, controller.signal);
    }
    if (this.stopped) return;
    this.streaming = false;
    this.status$.next({
      state: 'error',
      reason:
        `The Muse has been out of reach for ${Math.round(this.clock.now() - since)} s, so NeuroSleep stopped ` +
        'trying to reconnect. Everything recorded so far is kept; press "Connect Muse" to start again.',
    });
    this.imu$.complete();
    this.ppg$.complete();
    this.complete?.();
  }

  stop(): void {
    if (this.stopped) return;
    this.assembler?.flush();
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.device.removeEventListener('gattserverdisconnected', this.onDisconnected);
    const client = this.connection?.client;
    this.closeConnection();
    client?.disconnect();
    this.status$.next({ state: 'ended' });
    if (this.device$.value.ppgStreaming) this.patch({ ppgStreaming: false });
    this.imu$.complete();
    this.ppg$.complete();
    this.complete?.();
  }

  source(): MuseSource {
    const info: SourceInfo = {
      kind: this.options.kind ?? 'muse',
      label: this.device$.value.name,
      channels: this.electrodes === 5 ? [...CHANNELS, 'AUX'] : CHANNELS,
      sampleRate: MUSE_EEG_RATE_HZ,
      hasRawEeg: true,
      ...(this.options.kind === 'mock'
        ? { note: 'An emulated Muse: the real muse-js path on simulated packets.' }
        : {}),
    };
    const events$ = new Observable<SourceEvent>((subscriber) => {
      if (this.stopped) {
        subscriber.complete();
        return;
      }
      this.emit = (e) => {
        if (e.kind === 'samples') this.anchor.observe(e.index, this.clock.now());
        subscriber.next(e);
      };
      this.complete = () => subscriber.complete();
      this.assembler = new MuseSequenceAssembler(
        this.electrodes,
        (e) => this.emit?.(e),
        this.options.reorderWindow,
      );
      this.status$.next({ state: 'connecting' });
      this.streaming = true;
      this.startStreaming(true).then(
        () => {
          this.startWatchdog();
          if (!this.stopped && this.status$.value.state === 'connecting')
            this.status$.next({ state: 'streaming' });
        },
        (err: unknown) => {
          const e = describeMuseError(err, 'start');
          this.status$.next({ state: 'error', reason: e.message });
          subscriber.error(e);
        },
      );
      return () => this.stop();
    }).pipe(share());
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const link = this;
    return {
      info,
      events$,
      status$: this.status$.asObservable(),
      device$: this.device$,
      imu$: this.imu$.asObservable(),
      ppg$: this.ppg$.asObservable(),
      get sequenceStats() {
        return (
          link.assembler?.stats ?? {
            packets: 0,
            duplicates: 0,
            late: 0,
            gaps: 0,
            missingSamples: 0,
            partialSets: 0,
          }
        );
      },
      hostTimeAt: (index) => this.anchor.hostTimeAt(index),
      stop: () => this.stop(),
    };
  }
}
