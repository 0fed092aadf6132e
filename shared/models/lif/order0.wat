;; The LIF order-0 fast loop (stepOrder0Uniform in kernel.ts) in WebAssembly SIMD, two neurons per
;; instruction. Assembled by `npm run -s wasm` into order0Wasm.bytes.ts (a test checks the bytes).
;;
;; Refractory lanes stay on the vector path (v kept, x decayed); only a lane whose refractory period
;; ends inside the step or whose bound fails takes the scalar code ($one).
;; Memory (imported and shared, one per population): v, x0, x1, refUntil (f64), a list (i32) and
;; the parameter block at byte offsets given to `layout` (the list's: to `step`). The parameter block
;; holds 13 f64: t0, t1, em, dd, q0, q1, e0, e1, ca, cA, cb, cB, thr (order0Wasm.ts's P_*); the caller
;; writes it before each step, so a call passes integers only (no number boxed per step). Two instances on one memory (two threads)
;; may step disjoint ranges of elements at once, each writing its own part of the list. Per element i, exactly as the JS loop:
;;   refUntil > t0:  refUntil < t1 -> list i; else x0 *= e0, x1 *= e1
;;   otherwise:      v1 = ((em v + dd) + q0 x0) + q1 x1
;;                   bound = (((v1 + ca x0) + cA |x0|) + cb x1) + cB |x1|
;;                   bound >= thr -> list ~i (the caller applies the second bound, slowBound)
;;                   else v = v1, x0 *= e0, x1 *= e1
;; Same IEEE operations in the same order, no fused multiply-add: the results are the JS loop's bit
;; for bit (order0Wasm.test.ts). The list comes out in ascending element order.
;; `step(from, to, list)` does elements from..to-1, writes their list at byte offset `list`
;; and returns its number of entries.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (global $t0 (mut f64) (f64.const 0))
  (global $t1 (mut f64) (f64.const 0))
  (global $em (mut f64) (f64.const 0))
  (global $dd (mut f64) (f64.const 0))
  (global $q0 (mut f64) (f64.const 0))
  (global $q1 (mut f64) (f64.const 0))
  (global $e0 (mut f64) (f64.const 0))
  (global $e1 (mut f64) (f64.const 0))
  (global $ca (mut f64) (f64.const 0))
  (global $cA (mut f64) (f64.const 0))
  (global $cb (mut f64) (f64.const 0))
  (global $cB (mut f64) (f64.const 0))
  (global $thr (mut f64) (f64.const 0))
  (global $pv (mut i32) (i32.const 0))
  (global $px0 (mut i32) (i32.const 0))
  (global $px1 (mut i32) (i32.const 0))
  (global $pref (mut i32) (i32.const 0))
  (global $plist (mut i32) (i32.const 0))
  (global $pparams (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))

  ;; Where the arrays are (byte offsets, 16-byte aligned).
  (func (export "layout")
    (param $pv i32) (param $px0 i32) (param $px1 i32) (param $pref i32) (param $plist i32)
    (param $pparams i32)
    (global.set $pparams (local.get $pparams))
    (global.set $pv (local.get $pv))
    (global.set $px0 (local.get $px0))
    (global.set $px1 (local.get $px1))
    (global.set $pref (local.get $pref))
    (global.set $plist (local.get $plist)))

  (func $list (param $entry i32)
    (i32.store
      (i32.add (global.get $plist) (i32.shl (global.get $count) (i32.const 2)))
      (local.get $entry))
    (global.set $count (i32.add (global.get $count) (i32.const 1))))

  ;; One element, scalar (the vector loop's fallback and the odd last element).
  (func $one (param $i i32)
    (local $o i32) (local $ref f64) (local $xa f64) (local $xb f64) (local $v1 f64)
    (local.set $o (i32.shl (local.get $i) (i32.const 3)))
    (local.set $ref (f64.load (i32.add (global.get $pref) (local.get $o))))
    (local.set $xa (f64.load (i32.add (global.get $px0) (local.get $o))))
    (local.set $xb (f64.load (i32.add (global.get $px1) (local.get $o))))
    (if (f64.gt (local.get $ref) (global.get $t0))
      (then
        (if (f64.lt (local.get $ref) (global.get $t1))
          (then (call $list (local.get $i)) (return)))
        (f64.store (i32.add (global.get $px0) (local.get $o))
          (f64.mul (local.get $xa) (global.get $e0)))
        (f64.store (i32.add (global.get $px1) (local.get $o))
          (f64.mul (local.get $xb) (global.get $e1)))
        (return)))
    (local.set $v1
      (f64.add
        (f64.add
          (f64.add
            (f64.mul (global.get $em) (f64.load (i32.add (global.get $pv) (local.get $o))))
            (global.get $dd))
          (f64.mul (global.get $q0) (local.get $xa)))
        (f64.mul (global.get $q1) (local.get $xb))))
    (if (f64.ge
          (f64.add
            (f64.add
              (f64.add
                (f64.add (local.get $v1) (f64.mul (global.get $ca) (local.get $xa)))
                (f64.mul (global.get $cA) (f64.abs (local.get $xa))))
              (f64.mul (global.get $cb) (local.get $xb)))
            (f64.mul (global.get $cB) (f64.abs (local.get $xb))))
          (global.get $thr))
      (then (call $list (i32.xor (local.get $i) (i32.const -1))) (return)))
    (f64.store (i32.add (global.get $pv) (local.get $o)) (local.get $v1))
    (f64.store (i32.add (global.get $px0) (local.get $o))
      (f64.mul (local.get $xa) (global.get $e0)))
    (f64.store (i32.add (global.get $px1) (local.get $o))
      (f64.mul (local.get $xb) (global.get $e1))))

  ;; One step [t0, t1] of elements from..to-1, their list at byte offset $plist; returns its length. The array
  ;; addresses and the coefficients are held in locals over the loop (V8 reloads globals).
  (func (export "step")
    (param $from i32) (param $to i32) (param $plist i32) (result i32)
    (local $t0 f64) (local $t1 f64) (local $p i32) (local $i i32) (local $o i32) (local $ref v128) (local $xa v128) (local $xb v128)
    (local $v1 v128) (local $bound v128) (local $vi v128) (local $refm v128)
    (local $em v128) (local $dd v128) (local $q0 v128) (local $q1 v128) (local $e0 v128)
    (local $e1 v128) (local $ca v128) (local $cA v128) (local $cb v128) (local $cB v128)
    (local $thr v128) (local $tt0 v128) (local $tt1 v128)
    (local $pv i32) (local $px0 i32) (local $px1 i32) (local $pref i32)
    ;; the step's times and coefficients, written by the caller into the parameter block
    (local.set $p (global.get $pparams))
    (local.set $t0 (f64.load offset=0 (local.get $p)))
    (local.set $t1 (f64.load offset=8 (local.get $p)))
    (global.set $em (f64.load offset=16 (local.get $p)))
    (global.set $dd (f64.load offset=24 (local.get $p)))
    (global.set $q0 (f64.load offset=32 (local.get $p)))
    (global.set $q1 (f64.load offset=40 (local.get $p)))
    (global.set $e0 (f64.load offset=48 (local.get $p)))
    (global.set $e1 (f64.load offset=56 (local.get $p)))
    (global.set $ca (f64.load offset=64 (local.get $p)))
    (global.set $cA (f64.load offset=72 (local.get $p)))
    (global.set $cb (f64.load offset=80 (local.get $p)))
    (global.set $cB (f64.load offset=88 (local.get $p)))
    (global.set $thr (f64.load offset=96 (local.get $p)))
    (global.set $t0 (local.get $t0))
    (global.set $t1 (local.get $t1))
    (global.set $count (i32.const 0))
    (global.set $plist (local.get $plist))
    (local.set $pv (global.get $pv))
    (local.set $px0 (global.get $px0))
    (local.set $px1 (global.get $px1))
    (local.set $pref (global.get $pref))
    (local.set $em (f64x2.splat (global.get $em)))
    (local.set $dd (f64x2.splat (global.get $dd)))
    (local.set $q0 (f64x2.splat (global.get $q0)))
    (local.set $q1 (f64x2.splat (global.get $q1)))
    (local.set $e0 (f64x2.splat (global.get $e0)))
    (local.set $e1 (f64x2.splat (global.get $e1)))
    (local.set $ca (f64x2.splat (global.get $ca)))
    (local.set $cA (f64x2.splat (global.get $cA)))
    (local.set $cb (f64x2.splat (global.get $cb)))
    (local.set $cB (f64x2.splat (global.get $cB)))
    (local.set $thr (f64x2.splat (global.get $thr)))
    (local.set $tt0 (f64x2.splat (local.get $t0)))
    (local.set $tt1 (f64x2.splat (local.get $t1)))
    (local.set $i (local.get $from))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $to)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $ref (v128.load (i32.add (local.get $pref) (local.get $o))))
        (local.set $xa (v128.load (i32.add (local.get $px0) (local.get $o))))
        (local.set $xb (v128.load (i32.add (local.get $px1) (local.get $o))))
        (local.set $vi (v128.load (i32.add (local.get $pv) (local.get $o))))
        (local.set $v1
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.mul (local.get $em) (local.get $vi))
                (local.get $dd))
              (f64x2.mul (local.get $q0) (local.get $xa)))
            (f64x2.mul (local.get $q1) (local.get $xb))))
        (local.set $bound
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.add (local.get $v1) (f64x2.mul (local.get $ca) (local.get $xa)))
                (f64x2.mul (local.get $cA) (f64x2.abs (local.get $xa))))
              (f64x2.mul (local.get $cb) (local.get $xb)))
            (f64x2.mul (local.get $cB) (f64x2.abs (local.get $xb)))))
        ;; refractory lanes (refUntil > t0) keep v and decay x, like the others; a lane whose
        ;; refractory period ends inside the step, or whose bound fails, goes to the scalar code
        (local.set $refm (f64x2.gt (local.get $ref) (local.get $tt0)))
        (if (v128.any_true
              (v128.or
                (v128.and (local.get $refm) (f64x2.lt (local.get $ref) (local.get $tt1)))
                (v128.andnot
                  (f64x2.ge (local.get $bound) (local.get $thr))
                  (local.get $refm))))
          (then
            (call $one (local.get $i))
            (call $one (i32.add (local.get $i) (i32.const 1))))
          (else
            (v128.store (i32.add (local.get $pv) (local.get $o))
              (v128.bitselect (local.get $vi) (local.get $v1) (local.get $refm)))
            (v128.store (i32.add (local.get $px0) (local.get $o))
              (f64x2.mul (local.get $xa) (local.get $e0)))
            (v128.store (i32.add (local.get $px1) (local.get $o))
              (f64x2.mul (local.get $xb) (local.get $e1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $to)) (then (call $one (local.get $i))))
    (global.get $count))
)
