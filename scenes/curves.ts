import type { TideInputs } from './tide/inputs';

/** The dream dimensions a mapping curve can follow. */
export const CURVE_INPUTS = ['calm', 'dread', 'wonder', 'glitch'] as const;
export type CurveInput = (typeof CURVE_INPUTS)[number];

/**
 * A mapping from one dream dimension (0..1) to a scene quantity: piecewise linear through `points`, whose x
 * values rise from 0 to 1. Piecewise linear keeps every mapping continuous, so a spec can never make the
 * picture jump, however it is written.
 */
export interface MappingCurve {
  readonly input: CurveInput;
  readonly points: readonly (readonly [number, number])[];
}

/** Value of the curve at x (clamped to the first and last points). Allocation-free. */
export function evalCurveAt(curve: MappingCurve, x: number): number {
  const pts = curve.points;
  const first = pts[0];
  if (!first) return 0;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < pts.length; i++) {
    const b = pts[i]!;
    if (x <= b[0]) {
      const a = pts[i - 1]!;
      const span = b[0] - a[0];
      return span <= 0 ? b[1] : a[1] + ((b[1] - a[1]) * (x - a[0])) / span;
    }
  }
  return pts[pts.length - 1]![1];
}

/** Value of the curve for the (eased) scene inputs. */
export function evalCurve(curve: MappingCurve, inputs: Readonly<TideInputs>): number {
  return evalCurveAt(curve, inputs[curve.input]);
}

export function curve(input: CurveInput, ...points: (readonly [number, number])[]): MappingCurve {
  return { input, points };
}
