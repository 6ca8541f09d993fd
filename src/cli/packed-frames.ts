/**
 * Band-power frames packed into one Float64Array per batch, for the trip from the engine's worker thread to the
 * dream model (worker-analysis.ts): an object per frame would cost more to post than to compute. Every value
 * goes through float64 unchanged (valid and quality are small integers), so a frame comes out as it went in.
 */
import type { BandPowerUpdate } from '../../dsp/band-power-engine.ts';
import type { BandPowerFrame } from '../pipeline/frames.ts';

/** One frame's slots: t, artifact, absolute and relative (band-major), the band means, valid, quality. */
export function frameStride(bands: number, channels: number): number {
  return 2 + 2 * bands * channels + 2 * bands + 2 * channels;
}

/** Writes update `u` (and its artifact flag) as frame `k` of `out`. */
export function packUpdate(
  out: Float64Array,
  k: number,
  u: BandPowerUpdate,
  artifact: boolean,
  stride: number,
): void {
  let p = k * stride;
  out[p++] = u.t;
  out[p++] = artifact ? 1 : 0;
  out.set(u.absolute, p);
  p += u.absolute.length;
  out.set(u.relative, p);
  p += u.relative.length;
  out.set(u.meanAbsolute, p);
  p += u.meanAbsolute.length;
  out.set(u.meanRelative, p);
  p += u.meanRelative.length;
  out.set(u.valid, p);
  p += u.valid.length;
  out.set(u.quality, p);
}

/** Frames out of packed batches: into one reused object, or a fresh one each time. */
export class FrameUnpacker {
  private readonly nb: number;
  private readonly nc: number;
  readonly stride: number;
  private reused: BandPowerFrame | null = null;

  constructor(
    private readonly bands: readonly string[],
    private readonly channels: readonly string[],
    private readonly reuse: boolean,
  ) {
    this.nb = bands.length;
    this.nc = channels.length;
    this.stride = frameStride(this.nb, this.nc);
  }

  /** Frame `k` of `packed`; with `reuse`, the same object rewritten, valid until the next call. */
  frame(packed: Float64Array, k: number): BandPowerFrame {
    const f = (this.reuse ? this.reused : null) ?? this.blank();
    if (this.reuse) this.reused = f;
    const { nb, nc } = this;
    let p = k * this.stride;
    const m = f as { -readonly [K in keyof BandPowerFrame]: BandPowerFrame[K] };
    m.t = packed[p++] as number;
    m.artifact = packed[p++] === 1;
    f.absolute.set(packed.subarray(p, p + nb * nc));
    p += nb * nc;
    f.relative.set(packed.subarray(p, p + nb * nc));
    p += nb * nc;
    f.meanAbsolute.set(packed.subarray(p, p + nb));
    p += nb;
    f.meanRelative.set(packed.subarray(p, p + nb));
    p += nb;
    // Uint8Array.set from a Float64Array converts each value (0, 1, 2, 4 here) exactly.
    f.valid.set(packed.subarray(p, p + nc));
    p += nc;
    f.quality.set(packed.subarray(p, p + nc));
    return f;
  }

  private blank(): BandPowerFrame {
    const { nb, nc } = this;
    return {
      t: 0,
      origin: 'dsp',
      bands: this.bands,
      channels: this.channels,
      absolute: new Float64Array(nb * nc),
      relative: new Float64Array(nb * nc),
      meanAbsolute: new Float64Array(nb),
      meanRelative: new Float64Array(nb),
      valid: new Uint8Array(nc),
      quality: new Uint8Array(nc),
      artifact: false,
    };
  }
}
