/** `?source=mock` fault parameters. */
import { describe, expect, it } from 'vitest';
import { faultsFromParams } from '../../../hardware-mocks/muse/from-url.ts';

describe('faultsFromParams', () => {
  it('reads every fault the README lists and leaves out what is absent', () => {
    const p = new URLSearchParams(
      'source=mock&loss=0.05&electrodeLoss=0.01&duplicate=0.02&reorder=0.03&burstAt=20&burstPackets=200' +
        '&disconnectAt=30&reconnectAt=40&battery=80&drain=10&flat=1&rail=3&faultSeed=9',
    );
    expect(faultsFromParams(p)).toEqual({
      seed: 9,
      lossRate: 0.05,
      electrodeLossRate: 0.01,
      duplicateRate: 0.02,
      reorderRate: 0.03,
      disconnectAtS: 30,
      availableAgainAtS: 40,
      batteryStartPct: 80,
      batteryDrainPctPerHour: 10,
      flatElectrode: 1,
      railElectrode: 3,
      lossBursts: [{ atS: 20, packets: 200 }],
    });
    expect(faultsFromParams(new URLSearchParams('source=mock'))).toEqual({});
  });

  it('names a parameter that is not a number', () => {
    expect(() => faultsFromParams(new URLSearchParams('loss=lots'))).toThrow(
      '?loss= expects a number, found "lots"',
    );
  });
});
