/**
 * sin, cos, exp and ln built from + − × ÷ only. ECMAScript lets each engine approximate Math.sin, Math.exp,
 * Math.log and `**` in its own way, while the basic operations and Math.sqrt are exactly rounded IEEE 754, so
 * these give the same bits in Node, Chrome, Firefox and Safari, which keeps a seed's signal identical everywhere.
 * Accuracy is within a few 1e-15 (sin/cos: plus about 2.4e-16 per radian of |x| from the range reduction),
 * plenty for filter coefficients and random intervals.
 */

const PI = 3.141592653589793;
const HALF_PI = 1.5707963267948966;
const TWO_PI = 6.283185307179586;
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const SQRT1_2 = 0.7071067811865476;
/** (2k)(2k+1) for k = 9 down to 1: the Horner divisors of sin's series. */
const SIN_DIVISORS = [342, 272, 210, 156, 110, 72, 42, 20, 6] as const;

/** sin(x), x in radians; meant for |x| below about 1e6. */
export function detSin(x: number): number {
  let r = x - Math.round(x / TWO_PI) * TWO_PI;
  // sin(π − r) = sin r folds the range to [−π/2, π/2], where the Taylor series below converges fast.
  if (r > HALF_PI) r = PI - r;
  else if (r < -HALF_PI) r = -PI - r;
  const r2 = r * r;
  // Taylor series to r^21 in Horner form: the first omitted term is below 2e-18 at |r| = π/2.
  let sum = 1 - r2 / 420;
  for (const d of SIN_DIVISORS) sum = 1 - (r2 / d) * sum;
  return r * sum;
}

/** cos(x), x in radians; meant for |x| below about 1e6. */
export function detCos(x: number): number {
  return detSin(x + HALF_PI);
}

/** 2^k for an integer k in [−1022, 1023], exactly. */
function pow2(k: number): number {
  let p = 1;
  if (k > 0) for (let i = 0; i < k; i++) p *= 2;
  else for (let i = 0; i > k; i--) p /= 2;
  return p;
}

/** e^x for |x| ≤ 700. */
export function detExp(x: number): number {
  if (!(Math.abs(x) <= 700)) throw new RangeError(`detExp: argument must be within ±700 (got ${x})`);
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 14; n++) {
    term = (term * r) / n;
    sum += term;
  }
  return sum * pow2(k);
}

/** ln(x) for x > 0 (finite); costs a loop step per factor of 2 away from 1, so keep x moderate. */
export function detLog(x: number): number {
  if (!(x > 0) || x === Infinity)
    throw new RangeError(`detLog: argument must be a finite number > 0 (got ${x})`);
  let m = x;
  let k = 0;
  while (m > SQRT2) {
    m /= 2;
    k++;
  }
  while (m < SQRT1_2) {
    m *= 2;
    k--;
  }
  return lnNearOne(m) + k * LN2;
}

/** ln(m) for m in [√½, √2] via 2·atanh((m − 1)/(m + 1)); |z| ≤ 0.172 so nine terms reach 1e-16. */
export function lnNearOne(m: number): number {
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  return (
    2 *
    z *
    (1 +
      z2 *
        (1 / 3 +
          z2 *
            (1 / 5 + z2 * (1 / 7 + z2 * (1 / 9 + z2 * (1 / 11 + z2 * (1 / 13 + z2 * (1 / 15 + z2 / 17))))))))
  );
}
