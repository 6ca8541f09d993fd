;; The band-power engine's inner loops in WebAssembly SIMD (float64 throughout), loaded by dsp/wasm/kernels.ts:
;; `fft` (dsp/simd-complex-fft.ts) with `split_power` (a real signal's power spectrum from its half-length FFT),
;; `weigh` (window a segment and gather its statistics) and `energy` (sum of squares) for the periodogram, and
;; `sections4` (four channels through biquads, dsp/simd-biquads.ts).
;; Assemble with `node tools/wasm/assemble.mjs` (wabt), which writes dsp/wasm/kernels-bytes.ts.
;;
;; `fft`: complex FFT of n points (n a power of two, n ≥ 4), decimation in time.
;; Each complex value is one 128-bit SIMD vector (re, im). The caller lays out memory: `in` holds the n inputs,
;; `rev` the bit-reversed source of every output index as a byte offset (i32, source index × 16), `tw` the
;; twiddles of stages 3, 4, … (see twiddle layout below); the transform is written to `out`, which must not
;; overlap `in`. Unscaled, e^{−2πi jk/n}: fft.js's and numpy.fft.fft's convention.
(module
  (import "env" "memory" (memory 1))
  (func (export "fft") (param $n i32) (param $in i32) (param $out i32) (param $tw i32) (param $rev i32)
    (local $p i32) (local $end i32) (local $k i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $half i32) (local $hb i32) (local $g i32) (local $j i32) (local $wp i32) (local $q i32) (local $t v128)
    (local.set $p (local.get $out))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $k (local.get $rev))
    ;; Stages 1 and 2 fused into one radix-4 pass that also gathers the inputs in bit-reversed order.
    (loop $first
      (local.set $a (v128.load (i32.add (local.get $in) (i32.load (local.get $k)))))
      (local.set $b (v128.load (i32.add (local.get $in) (i32.load offset=4 (local.get $k)))))
      (local.set $c (v128.load (i32.add (local.get $in) (i32.load offset=8 (local.get $k)))))
      (local.set $d (v128.load (i32.add (local.get $in) (i32.load offset=12 (local.get $k)))))
      (local.set $s0 (f64x2.add (local.get $a) (local.get $b)))
      (local.set $s1 (f64x2.sub (local.get $a) (local.get $b)))
      (local.set $s2 (f64x2.add (local.get $c) (local.get $d)))
      ;; (c − d)·(−i) = (im, −re)
      (local.set $s3
        (f64x2.mul
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            (f64x2.sub (local.get $c) (local.get $d)) (f64x2.sub (local.get $c) (local.get $d)))
          (v128.const f64x2 1 -1)))
      (v128.store (local.get $p) (f64x2.add (local.get $s0) (local.get $s2)))
      (v128.store offset=16 (local.get $p) (f64x2.add (local.get $s1) (local.get $s3)))
      (v128.store offset=32 (local.get $p) (f64x2.sub (local.get $s0) (local.get $s2)))
      (v128.store offset=48 (local.get $p) (f64x2.sub (local.get $s1) (local.get $s3)))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (br_if $first (i32.lt_u (local.get $p) (local.get $end))))
    ;; Twiddle layout: stages of half-length 4, 8, …, n/2 in turn; butterfly j of a stage takes w = e^{−iπj/half}
    ;; as two vectors, (re w, re w) then (−im w, im w), 32 bytes, so b·w = b·(re, re) + swap(b)·(−im, im).
    (local.set $half (i32.const 4))
    (local.set $wp (local.get $tw))
    (block $done
      (loop $stage
        (br_if $done (i32.ge_u (local.get $half) (local.get $n)))
        (local.set $hb (i32.shl (local.get $half) (i32.const 4)))
        (local.set $g (local.get $out))
        (loop $groups
          (local.set $j (i32.const 0))
          (loop $butterflies
            (local.set $p (i32.add (local.get $g) (local.get $j)))
            (local.set $q (i32.add (local.get $wp) (i32.shl (local.get $j) (i32.const 1))))
            (local.set $a (v128.load (local.get $p)))
            (local.set $b (v128.load (i32.add (local.get $p) (local.get $hb))))
            (local.set $t
              (f64x2.add
                (f64x2.mul (local.get $b) (v128.load (local.get $q)))
                (f64x2.mul
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b))
                  (v128.load offset=16 (local.get $q)))))
            (v128.store (local.get $p) (f64x2.add (local.get $a) (local.get $t)))
            (v128.store (i32.add (local.get $p) (local.get $hb)) (f64x2.sub (local.get $a) (local.get $t)))
            ;; second butterfly (half >= 4, so pairs never split)
            (local.set $a (v128.load offset=16 (local.get $p)))
            (local.set $b (v128.load offset=16 (i32.add (local.get $p) (local.get $hb))))
            (local.set $t
              (f64x2.add
                (f64x2.mul (local.get $b) (v128.load offset=32 (local.get $q)))
                (f64x2.mul
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b))
                  (v128.load offset=48 (local.get $q)))))
            (v128.store offset=16 (local.get $p) (f64x2.add (local.get $a) (local.get $t)))
            (v128.store offset=16 (i32.add (local.get $p) (local.get $hb)) (f64x2.sub (local.get $a) (local.get $t)))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br_if $butterflies (i32.lt_u (local.get $j) (local.get $hb))))
          (local.set $g (i32.add (local.get $g) (i32.shl (local.get $hb) (i32.const 1))))
          (br_if $groups (i32.lt_u (local.get $g) (local.get $end))))
        (local.set $wp (i32.add (local.get $wp) (i32.shl (local.get $half) (i32.const 5))))
        (local.set $half (i32.shl (local.get $half) (i32.const 1)))
        (br $stage)))
  )

  ;; dst[i] = src[i] · weights[i] for i < n, and at `stats` four f64: Σ src, Σ src², min src, max src. Even and
  ;; odd samples are summed in separate lanes, added at the end; the engine's JavaScript pass sums in the same
  ;; order (band-power-engine.ts), so both give the same bits.
  (func (export "weigh") (param $src i32) (param $weights i32) (param $dst i32) (param $n i32) (param $stats i32)
    (local $i i32) (local $end i32) (local $v v128) (local $sum v128) (local $sq v128) (local $lo v128)
    (local $hi v128) (local $x f64) (local $s f64) (local $q f64) (local $mn f64) (local $mx f64)
    (local.set $lo (v128.const f64x2 inf inf))
    (local.set $hi (v128.const f64x2 -inf -inf))
    ;; bytes in whole pairs
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $pairsDone
      (br_if $pairsDone (i32.eqz (local.get $end)))
      (loop $pairs
        (local.set $v (v128.load (i32.add (local.get $src) (local.get $i))))
        (v128.store (i32.add (local.get $dst) (local.get $i))
          (f64x2.mul (local.get $v) (v128.load (i32.add (local.get $weights) (local.get $i)))))
        (local.set $sum (f64x2.add (local.get $sum) (local.get $v)))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $lo (f64x2.pmin (local.get $lo) (local.get $v)))
        (local.set $hi (f64x2.pmax (local.get $hi) (local.get $v)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $pairs (i32.lt_u (local.get $i) (local.get $end)))))
    (local.set $s (f64x2.extract_lane 0 (local.get $sum)))
    (local.set $q (f64x2.extract_lane 0 (local.get $sq)))
    (local.set $mn (f64x2.extract_lane 0 (local.get $lo)))
    (local.set $mx (f64x2.extract_lane 0 (local.get $hi)))
    ;; an odd last sample goes to the even lane
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x (f64.load (i32.add (local.get $src) (local.get $end))))
        (f64.store (i32.add (local.get $dst) (local.get $end))
          (f64.mul (local.get $x) (f64.load (i32.add (local.get $weights) (local.get $end)))))
        (local.set $s (f64.add (local.get $s) (local.get $x)))
        (local.set $q (f64.add (local.get $q) (f64.mul (local.get $x) (local.get $x))))
        (local.set $mn (f64.min (local.get $mn) (local.get $x)))
        (local.set $mx (f64.max (local.get $mx) (local.get $x)))))
    (f64.store (local.get $stats) (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $sum))))
    (f64.store offset=8 (local.get $stats) (f64.add (local.get $q) (f64x2.extract_lane 1 (local.get $sq))))
    (f64.store offset=16 (local.get $stats) (f64.min (local.get $mn) (f64x2.extract_lane 1 (local.get $lo))))
    (f64.store offset=24 (local.get $stats) (f64.max (local.get $mx) (f64x2.extract_lane 1 (local.get $hi)))))

  ;; Σ src[i]² for i < n, even and odd samples in separate lanes as in `weigh`.
  (func (export "energy") (param $src i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $v v128) (local $sq v128) (local $x f64) (local $q f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $pairsDone
      (br_if $pairsDone (i32.eqz (local.get $end)))
      (loop $pairs
        (local.set $v (v128.load (i32.add (local.get $src) (local.get $i))))
        (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $pairs (i32.lt_u (local.get $i) (local.get $end)))))
    (local.set $q (f64x2.extract_lane 0 (local.get $sq)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x (f64.load (i32.add (local.get $src) (local.get $end))))
        (local.set $q (f64.add (local.get $q) (f64.mul (local.get $x) (local.get $x))))))
    (f64.add (local.get $q) (f64x2.extract_lane 1 (local.get $sq))))

  ;; Four channels through `count` biquad sections in turn (Direct Form II Transposed, as dsp/biquad.ts):
  ;; frames of four f64 (channels 0…3) at `x`, n of them, filtered into `y` (x itself or a separate region;
  ;; section 0 reads x, later ones work in place on y). Section s has five coefficient vectors at coef + 80s
  ;; (b0, b1, b2, a1, a2, each in both lanes) and its state at state + 64s: z1 of channels 0–1, z1 of 2–3, z2 of
  ;; 0–1, z2 of 2–3. Per lane the arithmetic is biquad.ts's, in the same order, and as there a state below 1e−200
  ;; in magnitude is flushed to 0 at the end, so each channel's output is bit for bit what BiquadCascade gives.
  (func (export "sections4") (param $x i32) (param $y i32) (param $n i32) (param $coef i32) (param $state i32)
    (param $count i32)
    (local $s i32) (local $i i32) (local $end i32) (local $src i32)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $a1 v128) (local $a2 v128)
    (local $z1a v128) (local $z1b v128) (local $z2a v128) (local $z2b v128)
    (local $xa v128) (local $xb v128) (local $ya v128) (local $yb v128) (local $guard v128)
    (local.set $guard (v128.const f64x2 1e-200 1e-200))
    (local.set $end (i32.shl (local.get $n) (i32.const 5)))
    (local.set $src (local.get $x))
    (block $sectionsDone
      (loop $sections
        (br_if $sectionsDone (i32.ge_u (local.get $s) (local.get $count)))
        (local.set $b0 (v128.load (local.get $coef)))
        (local.set $b1 (v128.load offset=16 (local.get $coef)))
        (local.set $b2 (v128.load offset=32 (local.get $coef)))
        (local.set $a1 (v128.load offset=48 (local.get $coef)))
        (local.set $a2 (v128.load offset=64 (local.get $coef)))
        (local.set $z1a (v128.load (local.get $state)))
        (local.set $z1b (v128.load offset=16 (local.get $state)))
        (local.set $z2a (v128.load offset=32 (local.get $state)))
        (local.set $z2b (v128.load offset=48 (local.get $state)))
        (local.set $i (i32.const 0))
        (block $framesDone
          (br_if $framesDone (i32.eqz (local.get $end)))
          (loop $frames
            (local.set $xa (v128.load (i32.add (local.get $src) (local.get $i))))
            (local.set $xb (v128.load offset=16 (i32.add (local.get $src) (local.get $i))))
            ;; y = b0·x + z1; z1 = b1·x − a1·y + z2; z2 = b2·x − a2·y
            (local.set $ya (f64x2.add (f64x2.mul (local.get $b0) (local.get $xa)) (local.get $z1a)))
            (local.set $yb (f64x2.add (f64x2.mul (local.get $b0) (local.get $xb)) (local.get $z1b)))
            (local.set $z1a
              (f64x2.add
                (f64x2.sub (f64x2.mul (local.get $b1) (local.get $xa)) (f64x2.mul (local.get $a1) (local.get $ya)))
                (local.get $z2a)))
            (local.set $z1b
              (f64x2.add
                (f64x2.sub (f64x2.mul (local.get $b1) (local.get $xb)) (f64x2.mul (local.get $a1) (local.get $yb)))
                (local.get $z2b)))
            (local.set $z2a
              (f64x2.sub (f64x2.mul (local.get $b2) (local.get $xa)) (f64x2.mul (local.get $a2) (local.get $ya))))
            (local.set $z2b
              (f64x2.sub (f64x2.mul (local.get $b2) (local.get $xb)) (f64x2.mul (local.get $a2) (local.get $yb))))
            (v128.store (i32.add (local.get $y) (local.get $i)) (local.get $ya))
            (v128.store offset=16 (i32.add (local.get $y) (local.get $i)) (local.get $yb))
            (local.set $i (i32.add (local.get $i) (i32.const 32)))
            (br_if $frames (i32.lt_u (local.get $i) (local.get $end)))))
        (v128.store (local.get $state)
          (v128.bitselect (v128.const i64x2 0 0) (local.get $z1a)
            (f64x2.lt (f64x2.abs (local.get $z1a)) (local.get $guard))))
        (v128.store offset=16 (local.get $state)
          (v128.bitselect (v128.const i64x2 0 0) (local.get $z1b)
            (f64x2.lt (f64x2.abs (local.get $z1b)) (local.get $guard))))
        (v128.store offset=32 (local.get $state)
          (v128.bitselect (v128.const i64x2 0 0) (local.get $z2a)
            (f64x2.lt (f64x2.abs (local.get $z2a)) (local.get $guard))))
        (v128.store offset=48 (local.get $state)
          (v128.bitselect (v128.const i64x2 0 0) (local.get $z2b)
            (f64x2.lt (f64x2.abs (local.get $z2b)) (local.get $guard))))
        (local.set $src (local.get $y))
        (local.set $coef (i32.add (local.get $coef) (i32.const 80)))
        (local.set $state (i32.add (local.get $state) (i32.const 64)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sections))))

  ;; The power spectrum of a real signal of 2m samples from the m-point complex FFT `z` of its even/odd pairs, for
  ;; bins 0…count−1 (count ≤ m + 1), minus `scale` times the spectrum `minus` (interleaved re/im), into `out`:
  ;; X[k] = E[k] + e^{−iπk/m}·O[k], E = (Z[k] + Z*[m−k]) / 2, O = (Z[k] − Z*[m−k]) / 2i, with `cs` holding
  ;; (cos πk/m, sin πk/m) per k. z must have room for one more value, Z[m] = Z[0], written here. The arithmetic
  ;; is dsp/real-fft.ts's powerSpectrumPrefixInto, in the same order, so the result is bit for bit the same.
  (func (export "split_power") (param $z i32) (param $m i32) (param $count i32) (param $cs i32) (param $minus i32)
    (param $scale f64) (param $out i32)
    (local $k i32) (local $a i32) (local $b i32) (local $ar f64) (local $ai f64) (local $br f64) (local $bi f64)
    (local $er f64) (local $ei f64) (local $or f64) (local $oi f64) (local $c f64) (local $s f64)
    (local $xr f64) (local $xi f64)
    (v128.store (i32.add (local.get $z) (i32.shl (local.get $m) (i32.const 4))) (v128.load (local.get $z)))
    (block $done
      (loop $bins
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $a (i32.add (local.get $z) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $b (i32.add (local.get $z) (i32.shl (i32.sub (local.get $m) (local.get $k)) (i32.const 4))))
        (local.set $ar (f64.load (local.get $a)))
        (local.set $ai (f64.load offset=8 (local.get $a)))
        (local.set $br (f64.load (local.get $b)))
        (local.set $bi (f64.neg (f64.load offset=8 (local.get $b))))
        (local.set $er (f64.mul (f64.const 0.5) (f64.add (local.get $ar) (local.get $br))))
        (local.set $ei (f64.mul (f64.const 0.5) (f64.add (local.get $ai) (local.get $bi))))
        (local.set $or (f64.mul (f64.const 0.5) (f64.sub (local.get $ai) (local.get $bi))))
        (local.set $oi (f64.mul (f64.const -0.5) (f64.sub (local.get $ar) (local.get $br))))
        (local.set $a (i32.add (local.get $cs) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $c (f64.load (local.get $a)))
        (local.set $s (f64.load offset=8 (local.get $a)))
        (local.set $a (i32.add (local.get $minus) (i32.shl (local.get $k) (i32.const 4))))
        ;; xr = er + c·or + s·oi − scale·minus.re; xi = ei + c·oi − s·or − scale·minus.im
        (local.set $xr
          (f64.sub
            (f64.add (f64.add (local.get $er) (f64.mul (local.get $c) (local.get $or)))
              (f64.mul (local.get $s) (local.get $oi)))
            (f64.mul (local.get $scale) (f64.load (local.get $a)))))
        (local.set $xi
          (f64.sub
            (f64.sub (f64.add (local.get $ei) (f64.mul (local.get $c) (local.get $oi)))
              (f64.mul (local.get $s) (local.get $or)))
            (f64.mul (local.get $scale) (f64.load offset=8 (local.get $a)))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
          (f64.add (f64.mul (local.get $xr) (local.get $xr)) (f64.mul (local.get $xi) (local.get $xi))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bins))))
)
