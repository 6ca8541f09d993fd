/** The mock's packet encoders against muse-js's own decoders: byte layouts the real headset uses. */
import fc from 'fast-check';
import {
  decodeEEGSamples,
  decodePPGSamples,
  parseAccelerometer,
  parseGyroscope,
  parseTelemetry,
} from 'muse-js/dist/lib/muse-parse.js';
import { decodeResponse, encodeCommand as museJsEncode } from 'muse-js/dist/lib/muse-utils.js';
import { describe, expect, it } from 'vitest';
import {
  ACCELEROMETER_G_PER_LSB,
  decodeCommand,
  eegCode,
  encodeControlResponse,
  encodeEegPacket,
  encodeImu,
  encodePpg,
  encodeTelemetry,
  EEG_UV_PER_LSB,
  GYROSCOPE_DPS_PER_LSB,
} from '../../../hardware-mocks/muse/index.ts';

describe('Muse packet layouts', () => {
  it('EEG: 20 bytes, big-endian sequence, 12 samples of 12 bits that muse-js decodes to the quantized µV', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.array(fc.double({ min: -1200, max: 1200, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (seq, uv) => {
          const bytes = encodeEegPacket(seq, uv);
          expect(bytes.length).toBe(20);
          expect(new DataView(bytes.buffer).getUint16(0)).toBe(seq);
          const decoded = decodeEEGSamples(bytes.subarray(2));
          uv.forEach((v, i) => {
            const expected =
              (Math.min(0xfff, Math.max(0, Math.round(v / EEG_UV_PER_LSB) + 0x800)) - 0x800) * EEG_UV_PER_LSB;
            expect(decoded[i]).toBe(expected);
          });
        },
      ),
    );
  });

  it('EEG codes clip at the rails', () => {
    expect(eegCode(5000)).toBe(0xfff);
    expect(eegCode(-5000)).toBe(0);
    expect(eegCode(0)).toBe(0x800);
    expect(eegCode(EEG_UV_PER_LSB)).toBe(0x801);
  });

  it('telemetry, accelerometer, gyroscope and PPG parse back through muse-js', () => {
    const t = parseTelemetry(new DataView(encodeTelemetry(7, 81.5, 3700, 28).buffer));
    expect(t).toEqual({
      sequenceId: 7,
      batteryLevel: 81.5,
      fuelGaugeVoltage: Math.round(3700 / 2.2) * 2.2,
      temperature: 28,
    });
    const acc = parseAccelerometer(
      new DataView(
        encodeImu(
          9,
          [
            [0.1, -0.2, -0.98],
            [0, 0, 1],
            [0.5, 0.5, 0.5],
          ],
          ACCELEROMETER_G_PER_LSB,
        ).buffer,
      ),
    );
    expect(acc.sequenceId).toBe(9);
    expect(acc.samples[0]?.z).toBeCloseTo(-0.98, 4);
    expect(acc.samples[2]?.x).toBeCloseTo(0.5, 4);
    const gyr = parseGyroscope(
      new DataView(
        encodeImu(
          1,
          [
            [10, -20, 30],
            [0, 0, 0],
            [0, 0, 0],
          ],
          GYROSCOPE_DPS_PER_LSB,
        ).buffer,
      ),
    );
    expect(gyr.samples[0]?.y).toBeCloseTo(-20, 2);
    const ppg = encodePpg(0x1234, [0, 1, 0xffffff, 123456, 7, 8]);
    expect(ppg.length).toBe(20);
    expect(decodePPGSamples(ppg.subarray(2))).toEqual([0, 1, 0xffffff, 123456, 7, 8]);
  });

  it('control answers come in [length, ascii…] fragments that muse-js glues back into the JSON', () => {
    const json =
      '{"ap":"headset","sp":"Blackcomb_revE","tp":"consumer","hw":"10.1","bn":27,"fw":"1.2.13","rc":0}';
    const fragments = encodeControlResponse(json);
    expect(fragments.length).toBe(Math.ceil(json.length / 19));
    for (const f of fragments) expect(f.length).toBe(20);
    expect(fragments.map((f) => decodeResponse(f)).join('')).toBe(json);
  });

  it('commands decode as muse-js encodes them, and malformed writes name the wrong byte', () => {
    for (const cmd of ['h', 'd', 'k', 's', 'v1', 'p20', 'p21', 'p50'])
      expect(decodeCommand(museJsEncode(cmd))).toBe(cmd);
    expect(() => decodeCommand(new Uint8Array([5, 0x64, 0x0a]))).toThrow(
      /expected a length byte of 2, found 5/,
    );
    expect(() => decodeCommand(new Uint8Array([2, 0x64, 0x64]))).toThrow(/expected '\\n' at byte 2/);
  });
});
