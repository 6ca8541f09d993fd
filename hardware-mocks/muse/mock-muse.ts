/**
 * A fake Muse behind a fake `navigator.bluetooth`. It speaks the headset's protocol byte for byte, so the app's
 * real path (muse-js → MuseSource) runs unchanged in Node under Vitest and in the browser:
 *
 *   const muse = installMockMuse({ feed: synthFeed({ seed: 1 }), clock: virtualClock() });
 *   const source = await connectMuse({ kind: 'mock' });  // requestDevice → the fake headset
 *   …
 *   muse.uninstall();
 *
 * The headset starts sampling on the first `d`. Packet k (k = 0, 1, …) is due at stream time (k + 1) · 12 / 256 s
 * and carries sequence (startSequence + k) mod 2^16; the counter runs on while the link is down or paused, as the
 * headset keeps sampling, so what was never sent shows up as a sequence jump.
 */
import { realTimeClock, type PlaybackClock } from '../../src/source/clock.ts';
import { faultDice, headMotionAt, type MuseFaults } from './faults.ts';
import { synthFeed, type EegBlockFeed } from './feeds.ts';
import { FakeBluetoothDevice, gattError, type FakeGattServer, type GattBackend } from './gatt.ts';
import {
  ACCELEROMETER_G_PER_LSB,
  ACCELEROMETER_UUID,
  CONTROL_UUID,
  decodeCommand,
  EEG_ELECTRODES,
  EEG_RATE_HZ,
  EEG_SAMPLES_PER_PACKET,
  EEG_UUIDS,
  encodeControlResponse,
  encodeEegPacket,
  encodeImu,
  encodePpg,
  encodeTelemetry,
  GYROSCOPE_DPS_PER_LSB,
  GYROSCOPE_UUID,
  IMU_RATE_HZ,
  IMU_SAMPLES_PER_PACKET,
  MUSE_SERVICE,
  MUSE_SERVICE_UUID,
  PPG_RATE_HZ,
  PPG_SAMPLES_PER_PACKET,
  PPG_UUIDS,
  presetElectrodes,
  PRESETS,
  TELEMETRY_UUID,
  type MusePreset,
} from './protocol.ts';

export type MuseModel = 'Muse 2016' | 'Muse 2' | 'Muse S';

/** The emulated wearer's heart rate, beats per minute. */
export const MOCK_HEART_RATE_BPM = 66;

/**
 * What the emulated PPG channel `channel` (0 ambient, 1 infrared, 2 red) reads at stream time `t`, raw counts:
 * a level per channel, and on the lit channels a pulse wave (a systolic wave and a smaller, later dicrotic one,
 * at {@link MOCK_HEART_RATE_BPM}) that lowers the reflected light as blood volume rises, as a reflective PPG does.
 */
export function mockPpgCounts(channel: number, t: number): number {
  const level = 120000 + channel * 40000;
  if (channel === 0) return level;
  const period = 60 / MOCK_HEART_RATE_BPM;
  const d = t - Math.floor(t / period) * period;
  const pulse = Math.exp(-(((d - 0.15) / 0.07) ** 2)) + 0.4 * Math.exp(-(((d - 0.42) / 0.09) ** 2));
  return level - 6000 * pulse;
}

export interface MockMuseOptions {
  /** What the headset measures; the seeded synthesizer by default. */
  readonly feed?: EegBlockFeed;
  /** Paces the headset: real time by default, a virtual clock in tests. */
  readonly clock?: PlaybackClock;
  /** Packets due within this much stream time are sent together (virtual clocks: fewer yields). */
  readonly batchS?: number;
  readonly model?: MuseModel;
  readonly name?: string;
  /** Sequence number of the first packet, e.g. 0xfff0 to cross the 16-bit wrap at once. */
  readonly startSequence?: number;
  readonly faults?: MuseFaults;
  /** Restart the sequence counter at 0 on every new connection, as some firmware may; the client must then
   * place packets by its host clock. */
  readonly resetSequenceOnConnect?: boolean;
  /** What the browser's chooser does: pick the headset, be cancelled, or offer a device that is not a Muse. */
  readonly chooser?: 'select' | 'cancel' | 'not-a-muse';
  /** Where `navigator` lives; `globalThis` by default. */
  readonly target?: object;
  /** connect() while out of reach waits until the headset is back, as Chrome's can, instead of failing. */
  readonly connectWaits?: boolean;
}

/** Ground truth of one packet set the headset produced, for tests to compare against. */
export interface SentRecord {
  /** Packet number since the stream started. */
  readonly k: number;
  readonly sequence: number;
  /** Bit e set when electrode e's packet was delivered (at least once). */
  sentMask: number;
}

export interface MockMuseStats {
  packetSets: number;
  eegPacketsSent: number;
  lostByFault: number;
  duplicated: number;
  reordered: number;
  keepAlives: number;
  commands: string[];
  connections: number;
  disconnects: number;
}

interface EegPacket {
  readonly electrode: number;
  readonly uuid: string;
  readonly bytes: Uint8Array;
}

/** What `requestDevice` is asked; typed here so the mock does not depend on one @types/web-bluetooth version. */
interface DeviceRequest {
  readonly acceptAllDevices?: boolean;
  readonly filters?: readonly { readonly services?: readonly (number | string)[] }[];
}

const FIRMWARE = { Muse2016: '1.2.13', Muse2: '1.3.4', MuseS: '1.0.18' };

export class MockMuse implements GattBackend {
  readonly device: FakeBluetoothDevice;
  readonly stats: MockMuseStats = {
    packetSets: 0,
    eegPacketsSent: 0,
    lostByFault: 0,
    duplicated: 0,
    reordered: 0,
    keepAlives: 0,
    commands: [],
    connections: 0,
    disconnects: 0,
  };
  /** Every packet set produced, sent or not (kept only when `keepLog` is true). */
  readonly log: SentRecord[] = [];
  keepLog = true;
  readonly characteristicUuids: readonly string[];
  readonly serviceUuids = [MUSE_SERVICE, MUSE_SERVICE_UUID];
  /** Resolves when the feed has ended and every packet was produced. */
  readonly done: Promise<void>;

  private readonly clock: PlaybackClock;
  private readonly feed: EegBlockFeed;
  private readonly faults: MuseFaults;
  private readonly dice: () => number;
  private readonly electrodeOfChannel: number[];
  private server: FakeGattServer | null = null;
  private preset: MusePreset = 'p21';
  private streaming = false;
  private reachable = true;
  private refusals = 0;
  private started = false;
  private stopped = false;
  private streamStart = 0;
  private streamTime = 0;
  private startDone!: () => void;
  private failDone!: (err: unknown) => void;
  private held: { record: SentRecord; packets: EegPacket[] } | null = null;
  private sequenceBase: number;
  /** Packet number of the next packet set to be produced. */
  private nextK = 0;

  constructor(private readonly options: MockMuseOptions = {}) {
    this.clock = options.clock ?? realTimeClock();
    this.feed = options.feed ?? synthFeed({ seed: 1, timeline: 'demo' });
    this.faults = options.faults ?? {};
    this.sequenceBase = options.startSequence ?? 0;
    this.dice = faultDice(this.faults.seed ?? 1);
    this.characteristicUuids = [
      CONTROL_UUID,
      ...EEG_UUIDS,
      GYROSCOPE_UUID,
      ACCELEROMETER_UUID,
      TELEMETRY_UUID,
      ...PPG_UUIDS,
    ];
    const name = options.name ?? (options.model === 'Muse S' ? 'MuseS-1A2B' : 'Muse-1A2B');
    this.device = new FakeBluetoothDevice('mock-muse-1a2b', name, this);
    this.electrodeOfChannel = this.feed.channels.map((ch, i) => {
      const e = EEG_ELECTRODES.indexOf(ch.replace(/^Right /, '') as (typeof EEG_ELECTRODES)[number]);
      return e >= 0 ? e : i;
    });
    this.done = new Promise<void>((resolve, reject) => {
      this.startDone = resolve;
      this.failDone = reject;
    });
  }

  /** Stream time (s since the first `d`). */
  get time(): number {
    return this.streamTime;
  }

  get isStreaming(): boolean {
    return this.streaming;
  }

  canConnect(): boolean {
    return this.reachable && !this.stopped;
  }

  get connectWaits(): boolean {
    return this.options.connectWaits ?? false;
  }

  onConnected(server: FakeGattServer): void {
    this.server = server;
    this.stats.connections++;
    if (this.options.resetSequenceOnConnect && this.stats.connections > 1) this.sequenceBase = -this.nextK;
  }

  onDisconnected(): void {
    this.server = null;
    this.streaming = false;
    this.stats.disconnects++;
  }

  onWrite(uuid: string, bytes: Uint8Array): void {
    if (uuid !== CONTROL_UUID) throw gattError('NotSupportedError', 'GATT operation not permitted.');
    if (this.refusals > 0) {
      this.refusals--;
      throw gattError('NetworkError', 'GATT operation failed for unknown reason.');
    }
    const cmd = decodeCommand(bytes);
    this.stats.commands.push(cmd);
    let reply = '{"rc":0}';
    if (cmd === 'h') this.streaming = false;
    else if (cmd === 'd') {
      this.streaming = true;
      if (!this.started) this.start();
    } else if (cmd === 'k') this.stats.keepAlives++;
    else if (cmd === 's') reply = this.statusJson();
    else if (cmd === 'v1') reply = this.versionJson();
    else if ((PRESETS as readonly string[]).includes(cmd)) this.preset = cmd as MusePreset;
    else reply = '{"rc":69}';
    // The headset answers after the write completes, in 20-byte fragments.
    setTimeout(() => this.sendControl(reply), 0);
  }

  /** Stops the headset for good: no more packets, and the link drops. */
  stop(): void {
    this.stopped = true;
    this.server?.drop();
  }

  /** The next `count` control writes are refused (a NetworkError, as in Chrome) while the link stays up. */
  refuseCommands(count: number): void {
    this.refusals = count;
  }

  /** Drops the link now (the `disconnectAtS` fault does this on schedule). */
  dropLink(): void {
    this.server?.drop();
  }

  setReachable(reachable: boolean): void {
    this.reachable = reachable;
    if (reachable) this.device.gattServer.wake();
  }

  private battery(): number {
    const start = this.faults.batteryStartPct ?? 82;
    return Math.max(0, start - ((this.faults.batteryDrainPctPerHour ?? 0) * this.streamTime) / 3600);
  }

  private statusJson(): string {
    const bp = Math.round(this.battery());
    return `{"hn":"${this.device.name}","sn":"0000-0000-1A2B","ma":"00-55-da-b0-1a-2b","id":"00000000 00000000 00000000","bp":${bp},"ts":0,"ps":${this.preset.slice(1)},"rc":0}`;
  }

  private versionJson(): string {
    const model = this.options.model ?? 'Muse 2016';
    const [hw, fw, sp] =
      model === 'Muse S'
        ? ['03.1', FIRMWARE.MuseS, 'Muse_S_revA']
        : model === 'Muse 2'
          ? ['10.2', FIRMWARE.Muse2, 'Muse_2_revB']
          : ['10.1', FIRMWARE.Muse2016, 'Blackcomb_revE'];
    return `{"ap":"headset","sp":"${sp}","tp":"consumer","hw":"${hw}","bn":27,"fw":"${fw}","bl":"1.2.3","pv":1,"rc":0}`;
  }

  private sendControl(json: string): void {
    const ch = this.server?.characteristic(CONTROL_UUID);
    if (!ch) return;
    for (const fragment of encodeControlResponse(json)) ch.notify(fragment);
  }

  private start(): void {
    this.started = true;
    this.streamStart = this.clock.now();
    this.run().then(this.startDone, this.failDone);
  }

  private async run(): Promise<void> {
    const batch = this.options.batchS ?? 0;
    const packetS = EEG_SAMPLES_PER_PACKET / EEG_RATE_HZ;
    const controller = new AbortController();
    const bursts = [...(this.faults.lossBursts ?? [])].sort((a, b) => a.atS - b.atS);
    let burstLeft = 0;
    let nextTelemetry = 0;
    let nextImu = 0;
    let nextPpg = 0;
    let imuSeq = 0;
    let ppgSeq = 0;
    let telemetrySeq = 0;
    let disconnectDone = false;
    let stallDone = false;
    for (let k = 0; !this.stopped; k++) {
      const block = await this.feed.next();
      if (!block) break;
      const due = (k + 1) * packetS;
      if (this.streamStart + due > this.clock.now()) {
        await this.clock.waitUntil(this.streamStart + due + batch, controller.signal);
      }
      this.streamTime = due;
      if (this.stopped) break;
      const f = this.faults;
      if (!stallDone && f.stallAtS !== undefined && due >= f.stallAtS) {
        stallDone = true;
        this.streaming = false;
      }
      if (!disconnectDone && f.disconnectAtS !== undefined && due >= f.disconnectAtS) {
        disconnectDone = true;
        this.reachable = false;
        this.server?.drop();
      }
      if (!this.reachable && f.availableAgainAtS !== undefined && due >= f.availableAgainAtS)
        this.setReachable(true);

      const sequence = (this.sequenceBase + k) & 0xffff;
      this.nextK = k + 1;
      while (bursts.length > 0 && (bursts[0] as { atS: number }).atS <= due) {
        burstLeft += (bursts.shift() as { packets: number }).packets;
      }
      const lost = burstLeft > 0 || (f.lossRate !== undefined && this.dice() < f.lossRate);
      if (burstLeft > 0) burstLeft--;
      this.stats.packetSets++;
      const electrodes = presetElectrodes(this.preset);
      const packets: EegPacket[] = [];
      if (this.streaming && this.server && !lost) {
        for (let e = 0; e < electrodes; e++) {
          const uv = this.electrodeSamples(block, e);
          if (!uv) continue;
          if (f.electrodeLossRate !== undefined && this.dice() < f.electrodeLossRate) continue;
          packets.push({ electrode: e, uuid: EEG_UUIDS[e] as string, bytes: encodeEegPacket(sequence, uv) });
        }
      } else if (this.streaming && this.server) this.stats.lostByFault++;
      const record: SentRecord = { k, sequence, sentMask: 0 };
      if (this.keepLog) this.log.push(record);
      if (packets.length > 0) this.sendSet(record, packets);
      else this.releaseHeld();

      while (nextTelemetry <= due) {
        this.sendOn(TELEMETRY_UUID, encodeTelemetry(telemetrySeq++, this.battery(), 3700, 28));
        nextTelemetry += 1;
      }
      // An IMU packet goes out once its last sample has been taken, like every other notification.
      while (nextImu + (IMU_SAMPLES_PER_PACKET - 1) / IMU_RATE_HZ <= due) {
        const at = [0, 1, 2].map((i) => nextImu + i / IMU_RATE_HZ);
        // At rest: gravity on −z and a slow sway (±0.02 g, ±1°, period 6 s) as a seated head has.
        const acc = at.map((t) => {
          const move = headMotionAt(f.headMotion, t)?.acc ?? [0, 0, 0];
          return [0.02 * Math.sin(t) + move[0], 0.02 + move[1], -0.98 + move[2]] as const;
        });
        const gyr = at.map((t) => {
          const move = headMotionAt(f.headMotion, t)?.gyro ?? [0, 0, 0];
          return [1.5 * Math.sin(2 * t) + move[0], -0.4 + move[1], 0.3 + move[2]] as const;
        });
        this.sendOn(ACCELEROMETER_UUID, encodeImu(imuSeq, acc, ACCELEROMETER_G_PER_LSB));
        this.sendOn(GYROSCOPE_UUID, encodeImu(imuSeq, gyr, GYROSCOPE_DPS_PER_LSB));
        imuSeq = (imuSeq + 1) & 0xffff;
        nextImu += IMU_SAMPLES_PER_PACKET / IMU_RATE_HZ;
      }
      while (nextPpg + (PPG_SAMPLES_PER_PACKET - 1) / PPG_RATE_HZ <= due) {
        if (this.preset === 'p50') {
          for (let p = 0; p < PPG_UUIDS.length; p++) {
            const samples = Array.from({ length: PPG_SAMPLES_PER_PACKET }, (_, i) => {
              return mockPpgCounts(p, nextPpg + i / PPG_RATE_HZ);
            });
            this.sendOn(PPG_UUIDS[p] as string, encodePpg(ppgSeq, samples));
          }
        }
        ppgSeq = (ppgSeq + 1) & 0xffff;
        nextPpg += PPG_SAMPLES_PER_PACKET / PPG_RATE_HZ;
      }
    }
    this.releaseHeld();
    controller.abort();
  }

  private electrodeSamples(block: Float32Array[], electrode: number): Float32Array | null {
    const ch = this.electrodeOfChannel.indexOf(electrode);
    const f = this.faults;
    if (electrode === f.flatElectrode) return new Float32Array(EEG_SAMPLES_PER_PACKET);
    if (electrode === f.railElectrode) return new Float32Array(EEG_SAMPLES_PER_PACKET).fill(2000);
    const uv = ch >= 0 ? block[ch] : undefined;
    // AUX without a recorded channel reads as an open input: mid-scale.
    if (!uv) return electrode === 4 ? new Float32Array(EEG_SAMPLES_PER_PACKET) : null;
    for (let i = 0; i < uv.length; i++) if (Number.isNaN(uv[i])) return null;
    return uv;
  }

  /** Sends one packet set, applying the duplicate and reorder faults. */
  private sendSet(record: SentRecord, packets: EegPacket[]): void {
    const f = this.faults;
    if (!this.held && f.reorderRate !== undefined && this.dice() < f.reorderRate) {
      this.held = { record, packets };
      this.stats.reordered++;
      return;
    }
    this.emitSet(record, packets);
    if (f.duplicateRate !== undefined && this.dice() < f.duplicateRate) {
      this.stats.duplicated++;
      this.emitSet(record, packets);
    }
    this.releaseHeld();
  }

  private releaseHeld(): void {
    if (!this.held) return;
    const held = this.held;
    this.held = null;
    this.emitSet(held.record, held.packets);
  }

  /** Sends a set; the ground-truth record notes what was actually delivered (not what the link swallowed). */
  private emitSet(record: SentRecord, packets: EegPacket[]): void {
    for (const { electrode, uuid, bytes } of packets) {
      if (this.sendOn(uuid, bytes)) {
        this.stats.eegPacketsSent++;
        record.sentMask |= 1 << electrode;
      }
    }
  }

  private sendOn(uuid: string, bytes: Uint8Array): boolean {
    if (!this.streaming) return false;
    return this.server?.characteristic(uuid)?.notify(bytes) ?? false;
  }
}

export interface InstalledMockMuse {
  readonly muse: MockMuse;
  /** Puts back whatever `navigator.bluetooth` was before. */
  uninstall(): void;
}

/**
 * Installs a fake `navigator.bluetooth` on `options.target` (globalThis by default). `requestDevice` resolves
 * with the fake headset when its filters ask for the Muse service, as Chrome's chooser would.
 */
export function installMockMuse(options: MockMuseOptions = {}): InstalledMockMuse {
  const muse = new MockMuse(options);
  const target = (options.target ?? globalThis) as { navigator?: object };
  const bluetooth = {
    async getAvailability() {
      return true;
    },
    async requestDevice(request?: DeviceRequest) {
      if (options.chooser === 'cancel') {
        throw gattError('NotFoundError', 'User cancelled the requestDevice() chooser.');
      }
      const wantsMuse =
        request?.acceptAllDevices === true ||
        (request?.filters ?? []).some((f) =>
          (f.services ?? []).some((s) => s === MUSE_SERVICE || String(s).toLowerCase() === MUSE_SERVICE_UUID),
        );
      if (!wantsMuse) throw new TypeError('Failed to execute requestDevice: no filters were given.');
      if (options.chooser === 'not-a-muse') {
        const other = new FakeBluetoothDevice('mock-hrm', 'Heart Rate Strap', {
          canConnect: () => true,
          onConnected: () => undefined,
          onDisconnected: () => undefined,
          onWrite: () => undefined,
          characteristicUuids: ['00002a37-0000-1000-8000-00805f9b34fb'],
          serviceUuids: [0x180d],
        });
        return other;
      }
      return muse.device;
    },
    addEventListener() {},
    removeEventListener() {},
  };
  const existing = target.navigator;
  let restore: () => void;
  if (existing) {
    const own = Object.getOwnPropertyDescriptor(existing, 'bluetooth');
    Object.defineProperty(existing, 'bluetooth', { value: bluetooth, configurable: true, writable: true });
    restore = () => {
      if (own) Object.defineProperty(existing, 'bluetooth', own);
      else delete (existing as { bluetooth?: unknown }).bluetooth;
    };
  } else {
    Object.defineProperty(target, 'navigator', { value: { bluetooth }, configurable: true, writable: true });
    restore = () => delete target.navigator;
  }
  return {
    muse,
    uninstall() {
      muse.stop();
      restore();
    },
  };
}
