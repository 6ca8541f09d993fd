/**
 * Seeded random numbers that give the same sequence in every JavaScript engine: xoshiro128** on 32-bit integer
 * arithmetic (Math.imul), and Gaussians by the ziggurat method whose tables and rare slow path use det-math.ts
 * instead of Math.exp/Math.log (see there for why).
 */
import { detExp, detLog } from './det-math.ts';

const INV_2_32 = 1 / 4294967296;

/**
 * Ziggurat tables (Marsaglia & Tsang 2000, 128 layers) for a signed 25-bit abscissa: K are the fast-accept
 * bounds, W the scale to x, F the density at each layer edge. Built with det-math so they match everywhere.
 */
const ZIG_R = 3.442619855899;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
(function buildZiggurat(): void {
  const m = 16777216; // 2^24, the abscissa's magnitude range
  const v = 9.91256303526217e-3; // area of each layer
  let dn = ZIG_R;
  let tn = dn;
  const q = v / detExp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * m;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m;
  ZIG_W[127] = dn / m;
  ZIG_F[0] = 1;
  ZIG_F[127] = detExp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * detLog(v / dn + detExp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * m;
    tn = dn;
    ZIG_F[i] = detExp(-0.5 * dn * dn);
    ZIG_W[i] = dn / m;
  }
})();

/** One step of splitmix32: spreads any 32-bit seed over the generator state. */
function splitmix32(state: number): number {
  let z = state | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** Checks that a seed is a safe integer, the only kind that maps to the same state everywhere. */
export function assertSeed(seed: unknown): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new Error(`seed must be a safe integer (got ${String(seed)})`);
  }
}

/**
 * xoshiro128** (Blackman & Vigna). `stream` separates independent sequences drawn from one seed, so the
 * signal, each artifact kind and the EMG noise never shift one another when one of them draws more.
 */
export class Xoshiro128 {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number, stream = 0) {
    assertSeed(seed);
    const lo = seed | 0;
    const hi = Math.floor(seed / 4294967296) | 0;
    let h = splitmix32(lo ^ 0x3c6ef372);
    h = splitmix32(h ^ hi ^ 0x6a09e667);
    h = splitmix32(h ^ Math.imul(stream + 1, 0x27d4eb2f));
    const golden = 0x9e3779b9 | 0;
    h = (h + golden) | 0;
    this.s0 = splitmix32(h);
    h = (h + golden) | 0;
    this.s1 = splitmix32(h);
    h = (h + golden) | 0;
    this.s2 = splitmix32(h);
    h = (h + golden) | 0;
    this.s3 = splitmix32(h);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Builds a generator from an explicit state, for checking against the reference implementation. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
    const g = new Xoshiro128(0);
    g.s0 = s0 | 0;
    g.s1 = s1 | 0;
    g.s2 = s2 | 0;
    g.s3 = s3 | 0;
    return g;
  }

  /** Next output as an unsigned 32-bit integer. */
  nextU32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform in [0, 1), 32-bit resolution. */
  nextFloat(): number {
    return this.nextU32() * INV_2_32;
  }

  /** Standard normal (mean 0, variance 1), by the ziggurat method. */
  nextGaussian(): number {
    // Layer from the low 7 bits, a signed 25-bit abscissa from the rest, so the two never share bits.
    const j = this.nextU32() | 0;
    const iz = j & 127;
    const u = j >> 7;
    if ((u < 0 ? -u : u) < (ZIG_K[iz] as number)) return u * (ZIG_W[iz] as number);
    return this.gaussianSlow(u, iz);
  }

  /** The ziggurat's rare path (about 1.2% of draws): the wedges and the tail beyond r. */
  private gaussianSlow(u0: number, iz0: number): number {
    let u = u0;
    let iz = iz0;
    for (;;) {
      const x = u * (ZIG_W[iz] as number);
      if (iz === 0) {
        // Marsaglia's tail method for |x| > r.
        let tx: number;
        let ty: number;
        do {
          tx = -detLog(1 - this.nextFloat()) / ZIG_R;
          ty = -detLog(1 - this.nextFloat());
        } while (ty + ty < tx * tx);
        return u > 0 ? ZIG_R + tx : -ZIG_R - tx;
      }
      const f0 = ZIG_F[iz - 1] as number;
      const f1 = ZIG_F[iz] as number;
      if (f1 + this.nextFloat() * (f0 - f1) < detExp(-0.5 * x * x)) return x;
      const j = this.nextU32() | 0;
      iz = j & 127;
      u = j >> 7;
      if ((u < 0 ? -u : u) < (ZIG_K[iz] as number)) return u * (ZIG_W[iz] as number);
    }
  }

  /** Fills out[0..n) with standard normals; the same numbers as n calls of nextGaussian, only faster. */
  fillGaussian(out: Float64Array, n: number): void {
    // The generator state lives in locals here so the hot loop stays in registers.
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < n; i++) {
      const x = Math.imul(s1, 5);
      const j = Math.imul((x << 7) | (x >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const iz = j & 127;
      const u = j >> 7;
      if ((u < 0 ? -u : u) < (ZIG_K[iz] as number)) {
        out[i] = u * (ZIG_W[iz] as number);
      } else {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[i] = this.gaussianSlow(u, iz);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Exponential waiting time with the given rate (events/s), in s. */
  nextExponential(rate: number): number {
    // 1 − u is in (0, 1], so the logarithm is finite.
    return -detLog(1 - this.nextFloat()) / rate;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.nextFloat();
  }
}

/** A 32-bit hash of several integers, for values that must not consume a generator (scripted events). */
export function hash32(...values: number[]): number {
  let h = 0x811c9dc5 | 0;
  for (const v of values) h = splitmix32(h ^ (v | 0) ^ (Math.floor(v / 4294967296) | 0));
  return h >>> 0;
}
