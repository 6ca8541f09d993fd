/** HostClockAnchor: latency-free, drift-corrected host times from packet arrivals. */
import { describe, expect, it } from 'vitest';
import { faultDice } from '../../../hardware-mocks/muse/faults.ts';
import { HostClockAnchor } from '../../../src/source/muse-host-clock.ts';

describe('HostClockAnchor', () => {
  it('recovers start time and a 40 ppm drift under 5–120 ms radio latency', () => {
    const dice = faultDice(4);
    const anchor = new HostClockAnchor();
    const startHostS = 1000;
    const ppm = 40;
    const packets = (3600 * 256) / 12;
    for (let k = 0; k < packets; k++) {
      const index = k * 12;
      // The headset's second is (1 + 40e-6) host seconds; the packet is complete 12 samples after its first.
      const sampledHost = startHostS + (index / 256) * (1 + ppm * 1e-6);
      const latency = 0.005 + 0.115 * dice() ** 3;
      anchor.observe(index, sampledHost + latency);
    }
    expect(anchor.driftPpm()).toBeGreaterThan(ppm - 2);
    expect(anchor.driftPpm()).toBeLessThan(ppm + 2);
    // Within 10 ms of the true sampling time (the floor is the minimum latency, 5 ms) at both ends of the hour.
    for (const index of [0, 1800 * 256, 3599 * 256]) {
      const truth = startHostS + (index / 256) * (1 + ppm * 1e-6);
      expect(Math.abs(anchor.hostTimeAt(index) - truth - 0.005)).toBeLessThan(0.01);
    }
  });

  it('is NaN before any packet and usable from the first one', () => {
    const anchor = new HostClockAnchor();
    expect(anchor.hostTimeAt(0)).toBeNaN();
    anchor.observe(0, 5.02);
    expect(anchor.hostTimeAt(256)).toBeCloseTo(6.02, 9);
  });
});
