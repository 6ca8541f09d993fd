/**
 * The Muse's Bluetooth LE protocol as the headset speaks it: GATT UUIDs and the byte layouts of its
 * notifications. The mock encodes with these; muse-js decodes, so every layout here mirrors muse-js's parser.
 */
export const MUSE_SERVICE = 0xfe8d;
/** The 16-bit service as a full 128-bit UUID, the form `getPrimaryService` may also be given. */
export const MUSE_SERVICE_UUID = '0000fe8d-0000-1000-8000-00805f9b34fb';

const uuid = (short: string) => `273e${short}-4c4d-454d-96be-f03bac821358`;

export const CONTROL_UUID = uuid('0001');
/** TP9, AF7, AF8, TP10, AUX in this order (muse-js's electrode index). */
export const EEG_UUIDS = ['0003', '0004', '0005', '0006', '0007'].map(uuid);
export const GYROSCOPE_UUID = uuid('0009');
export const ACCELEROMETER_UUID = uuid('000a');
export const TELEMETRY_UUID = uuid('000b');
/** Ambient, infrared, red. */
export const PPG_UUIDS = ['000f', '0010', '0011'].map(uuid);

export const EEG_ELECTRODES = ['TP9', 'AF7', 'AF8', 'TP10', 'AUX'] as const;
export const EEG_RATE_HZ = 256;
export const EEG_SAMPLES_PER_PACKET = 12;
export const EEG_UV_PER_LSB = 0.48828125;
export const PPG_RATE_HZ = 64;
export const PPG_SAMPLES_PER_PACKET = 6;
/** IMU rate on Muse 2 / Muse S, three samples per notification. */
export const IMU_RATE_HZ = 52;
export const IMU_SAMPLES_PER_PACKET = 3;
export const ACCELEROMETER_G_PER_LSB = 0.0000610352;
export const GYROSCOPE_DPS_PER_LSB = 0.0074768;

export type MusePreset = 'p20' | 'p21' | 'p50';
export const PRESETS: readonly MusePreset[] = ['p20', 'p21', 'p50'];

/** Electrodes a preset streams: AUX only with p20; p50 adds PPG. */
export function presetElectrodes(preset: MusePreset): number {
  return preset === 'p20' ? 5 : 4;
}

/** µV → the headset's 12-bit code: round(µV / 0.48828125) + 0x800, clipped to 0..0xfff (the rails). */
export function eegCode(uv: number): number {
  const code = Math.round(uv / EEG_UV_PER_LSB) + 0x800;
  return code < 0 ? 0 : code > 0xfff ? 0xfff : code;
}

/** A 20-byte EEG notification: big-endian uint16 sequence, then 12 samples of 12 bits, two per three bytes. */
export function encodeEegPacket(sequence: number, uv: ArrayLike<number>, offset = 0): Uint8Array {
  const out = new Uint8Array(20);
  out[0] = (sequence >> 8) & 0xff;
  out[1] = sequence & 0xff;
  for (let i = 0; i < EEG_SAMPLES_PER_PACKET; i += 2) {
    const a = eegCode(uv[offset + i] as number);
    const b = eegCode(uv[offset + i + 1] as number);
    const p = 2 + (i / 2) * 3;
    out[p] = a >> 4;
    out[p + 1] = ((a & 0xf) << 4) | (b >> 8);
    out[p + 2] = b & 0xff;
  }
  return out;
}

/** Telemetry: sequence, battery × 512, fuel-gauge mV / 2.2, ADC mV, temperature (muse-js reads bytes 0–9). */
export function encodeTelemetry(
  sequence: number,
  batteryPct: number,
  fuelGaugeMv: number,
  temperature: number,
): Uint8Array {
  const view = new DataView(new ArrayBuffer(20));
  view.setUint16(0, sequence & 0xffff);
  view.setUint16(2, Math.round(Math.min(100, Math.max(0, batteryPct)) * 512));
  view.setUint16(4, Math.round(fuelGaugeMv / 2.2));
  view.setUint16(6, Math.round(fuelGaugeMv));
  view.setUint16(8, Math.round(temperature));
  return new Uint8Array(view.buffer);
}

/** Accelerometer or gyroscope: sequence, then three samples of big-endian int16 x, y, z in device units. */
export function encodeImu(
  sequence: number,
  xyz: readonly (readonly [number, number, number])[],
  perLsb: number,
) {
  const view = new DataView(new ArrayBuffer(20));
  view.setUint16(0, sequence & 0xffff);
  for (let s = 0; s < IMU_SAMPLES_PER_PACKET; s++) {
    const v = xyz[s] ?? [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      const code = Math.max(-32768, Math.min(32767, Math.round((v[a] as number) / perLsb)));
      view.setInt16(2 + s * 6 + a * 2, code);
    }
  }
  return new Uint8Array(view.buffer);
}

/** PPG: sequence, then six unsigned 24-bit big-endian samples. */
export function encodePpg(sequence: number, samples: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(20);
  out[0] = (sequence >> 8) & 0xff;
  out[1] = sequence & 0xff;
  for (let i = 0; i < PPG_SAMPLES_PER_PACKET; i++) {
    const v = Math.max(0, Math.min(0xffffff, Math.round(samples[i] as number)));
    out[2 + i * 3] = (v >> 16) & 0xff;
    out[3 + i * 3] = (v >> 8) & 0xff;
    out[4 + i * 3] = v & 0xff;
  }
  return out;
}

/**
 * A control response as the headset sends it: the JSON text cut into notifications of at most 19 characters,
 * each `[length, ascii…]` padded to 20 bytes. muse-js glues them back together up to the closing brace.
 */
export function encodeControlResponse(json: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(json);
  const out: Uint8Array[] = [];
  for (let p = 0; p < bytes.length; p += 19) {
    const piece = bytes.subarray(p, p + 19);
    const packet = new Uint8Array(20);
    packet[0] = piece.length;
    packet.set(piece, 1);
    out.push(packet);
  }
  return out;
}

/** `[length, ascii…, '\n']` → the command text, or an error naming the byte that is wrong. */
export function decodeCommand(bytes: Uint8Array): string {
  const n = bytes[0];
  if (n === undefined || n < 1 || n !== bytes.length - 1) {
    throw new Error(`control write: expected a length byte of ${bytes.length - 1}, found ${String(n)}`);
  }
  if (bytes[bytes.length - 1] !== 0x0a) {
    throw new Error(
      `control write: expected '\\n' at byte ${bytes.length - 1}, found ${String(bytes.at(-1))}`,
    );
  }
  return new TextDecoder().decode(bytes.subarray(1, bytes.length - 1));
}

/** The part of `[length, ascii…, '\n']` encoding muse-js uses, for callers that write commands themselves. */
export function encodeCommand(cmd: string): Uint8Array {
  const text = new TextEncoder().encode(`X${cmd}\n`);
  text[0] = text.length - 1;
  return text;
}
