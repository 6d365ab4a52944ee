;; Matrix product C = A·B in WebAssembly SIMD (f64x2): operands packed into panels, 4×4 register block.
;; src/linalg/gemm.ts calls `product` (pack both operands, then the kernel) on operands in this memory.
;; Regenerate the shipped bytes with `node scripts/build-wasm.mjs` after editing this file.
;;
;; Layout (byte offsets into the exported memory):
;;   Ap: ⌈m/4⌉ row panels, panel I holds A[4I + r][p] at ((I·k + p)·4 + r)·8 (rows ≥ m are zero);
;;   Bp: ⌈n/4⌉ column panels, panel J holds B[p][4J + c] at ((J·k + p)·4 + c)·8 (columns ≥ n zero);
;;   C:  row-major m×n, entry (i, j) at (i·n + j)·8; only entries with i < m, j < n are written.
;; Each C entry is the sum over p = 0…k−1, in increasing p, of a separate f64 product and add
;; (no fused multiply-add), starting from +0: bit-identical to the scalar kernels of gemm.ts.
(module
  (memory (export "memory") 1)

  ;; Stores the first w (≥ 1) of the four lanes v0 = (x0, x1), v1 = (x2, x3) at ptr.
  (func $store (param $ptr i32) (param $v0 v128) (param $v1 v128) (param $w i32)
    (if (i32.ge_u (local.get $w) (i32.const 4))
      (then
        (v128.store (local.get $ptr) (local.get $v0))
        (v128.store offset=16 (local.get $ptr) (local.get $v1)))
      (else
        (f64.store (local.get $ptr) (f64x2.extract_lane 0 (local.get $v0)))
        (if (i32.ge_u (local.get $w) (i32.const 2))
          (then (f64.store offset=8 (local.get $ptr) (f64x2.extract_lane 1 (local.get $v0)))))
        (if (i32.ge_u (local.get $w) (i32.const 3))
          (then (f64.store offset=16 (local.get $ptr) (f64x2.extract_lane 0 (local.get $v1))))))))

;; Packs X (count × k, X(i, p) = f64 at src + i·si + p·sp, strides in bytes) into panels of four
;; rows at dst: panel I holds X(4I + r, p) at dst + ((I·k + p)·4 + r)·8, rows ≥ count set to zero.
;; Whole panels are copied in 16-byte moves where a stride is 8: rows contiguous along p (sp = 8: two p
;; of four rows loaded, interleaved by shuffles) or quads contiguous (si = 8); otherwise one double at a time.
  (func $pack (export "pack") (param $src i32) (param $count i32) (param $k i32) (param $si i32) (param $sp i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $s i32) (local $r i32) (local $d i32) (local $rest i32)
    (local $si2 i32) (local $si3 i32) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local.set $si2 (i32.shl (local.get $si) (i32.const 1)))
    (local.set $si3 (i32.add (local.get $si2) (local.get $si)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $panels
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $count)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $si))))
        (local.set $p (i32.const 0))
        (if (i32.eq (local.get $sp) (i32.const 8))
          (then
            (block $pairs_done
              (loop $pairs
                (br_if $pairs_done (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $k)))
                (local.set $x0 (v128.load (local.get $s)))
                (local.set $x1 (v128.load (i32.add (local.get $s) (local.get $si))))
                (local.set $x2 (v128.load (i32.add (local.get $s) (local.get $si2))))
                (local.set $x3 (v128.load (i32.add (local.get $s) (local.get $si3))))
                (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x0) (local.get $x1)))
                (v128.store offset=16 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x2) (local.get $x3)))
                (v128.store offset=32 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x0) (local.get $x1)))
                (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x2) (local.get $x3)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))
                (br $pairs))))
          (else
            (if (i32.eq (local.get $si) (i32.const 8))
              (then
                (loop $quads
                  (v128.store (local.get $dst) (v128.load (local.get $s)))
                  (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                  (local.set $s (i32.add (local.get $s) (local.get $sp)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br_if $quads (i32.lt_u (local.get $p) (local.get $k))))))))
        ;; the rest of the panel (all of it in the general case, the last p of an odd k with sp = 8)
        (block $along_done
          (loop $along
            (br_if $along_done (i32.ge_u (local.get $p) (local.get $k)))
            (f64.store (local.get $dst) (f64.load (local.get $s)))
            (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $s) (local.get $si))))
            (f64.store offset=16 (local.get $dst) (f64.load (i32.add (local.get $s) (local.get $si2))))
            (f64.store offset=24 (local.get $dst) (f64.load (i32.add (local.get $s) (local.get $si3))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $s (i32.add (local.get $s) (local.get $sp)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $along)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $panels)))
    (local.set $rest (i32.sub (local.get $count) (local.get $i)))
    (if (i32.gt_s (local.get $rest) (i32.const 0))
      (then
        (local.set $p (i32.const 0))
        (loop $zero
          (v128.store (local.get $dst) (v128.const f64x2 0 0))
          (v128.store offset=16 (local.get $dst) (v128.const f64x2 0 0))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $zero (i32.lt_u (local.get $p) (local.get $k))))
        (local.set $dst (i32.sub (local.get $dst) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $r (i32.const 0))
        (loop $row
          (local.set $s (i32.add (local.get $src) (i32.mul (i32.add (local.get $i) (local.get $r)) (local.get $si))))
          (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 3))))
          (local.set $p (i32.const 0))
          (loop $along2
            (f64.store (local.get $d) (f64.load (local.get $s)))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (local.set $s (i32.add (local.get $s) (local.get $sp)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $along2 (i32.lt_u (local.get $p) (local.get $k))))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $row (i32.lt_u (local.get $r) (local.get $rest)))))))

  ;; C (m×n) = A (m×k) · B (k×n) from the panels at $ap and $bp into $c; k ≥ 1. With $lower = 1
  ;; (a Gram product, m = n) only the blocks on and below the diagonal (column block ≤ row block).
  ;; A's quad (A[4I][p], …, A[4I+3][p]) is at $ap + I·$apanel + p·$astep, B's (B[p][4J], …, B[p][4J+3])
  ;; at $bp + J·$bpanel + p·$bstep (byte strides): packed panels have step 32 and panel stride 32·k; an
  ;; operand whose quads are already contiguous (B row-major, or A = Xᵀ with X row-major; its rows or
  ;; columns a multiple of 4) is read where it is, step = its row stride, panel stride 32.
  (func $kernel (export "kernel") (param $ap i32) (param $bp i32) (param $c i32) (param $m i32) (param $n i32) (param $k i32) (param $lower i32)
        (param $astep i32) (param $apanel i32) (param $bstep i32) (param $bpanel i32)
    (local $i i32) (local $j i32) (local $pa i32) (local $pb i32) (local $end i32)
    (local $span i32) (local $ldc i32) (local $crow i32) (local $w i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $span (i32.mul (local.get $k) (local.get $bstep)))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $done_i
      (loop $rows
        (br_if $done_i (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $done_j
          (loop $cols
            (br_if $done_j (i32.ge_u (local.get $j) (local.get $n)))
            (br_if $done_j (i32.and (local.get $lower) (i32.gt_u (local.get $j) (local.get $i))))
          (local.set $c00 (v128.const f64x2 0 0))
          (local.set $c01 (v128.const f64x2 0 0))
          (local.set $c10 (v128.const f64x2 0 0))
          (local.set $c11 (v128.const f64x2 0 0))
          (local.set $c20 (v128.const f64x2 0 0))
          (local.set $c21 (v128.const f64x2 0 0))
          (local.set $c30 (v128.const f64x2 0 0))
          (local.set $c31 (v128.const f64x2 0 0))
            (local.set $pa (i32.add (local.get $ap) (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (local.get $apanel))))
            (local.set $pb (i32.add (local.get $bp) (i32.mul (i32.shr_u (local.get $j) (i32.const 2)) (local.get $bpanel))))
            (local.set $end (i32.add (local.get $pb) (local.get $span)))
            (loop $inner
              (local.set $b0 (v128.load (local.get $pb)))
              (local.set $b1 (v128.load offset=16 (local.get $pb)))
              (local.set $a (v128.load64_splat offset=0 (local.get $pa)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $pa (i32.add (local.get $pa) (local.get $astep)))
              (local.set $pb (i32.add (local.get $pb) (local.get $bstep)))
              (br_if $inner (i32.lt_u (local.get $pb) (local.get $end))))
            (local.set $w (i32.sub (local.get $n) (local.get $j)))
            (local.set $crow (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))))
            (if (i32.and (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)) (i32.ge_u (local.get $w) (i32.const 4)))
              (then ;; a whole block: plain stores
                (v128.store (local.get $crow) (local.get $c00))
                (v128.store offset=16 (local.get $crow) (local.get $c01))
                (local.set $crow (i32.add (local.get $crow) (local.get $ldc)))
                (v128.store (local.get $crow) (local.get $c10))
                (v128.store offset=16 (local.get $crow) (local.get $c11))
                (local.set $crow (i32.add (local.get $crow) (local.get $ldc)))
                (v128.store (local.get $crow) (local.get $c20))
                (v128.store offset=16 (local.get $crow) (local.get $c21))
                (local.set $crow (i32.add (local.get $crow) (local.get $ldc)))
                (v128.store (local.get $crow) (local.get $c30))
                (v128.store offset=16 (local.get $crow) (local.get $c31)))
              (else ;; an edge block: the rows < m, the first w columns
                (call $store (local.get $crow) (local.get $c00) (local.get $c01) (local.get $w))
                (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $m)) (then (call $store (i32.add (local.get $crow) (local.get $ldc)) (local.get $c10) (local.get $c11) (local.get $w))))
                (if (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $m)) (then (call $store (i32.add (local.get $crow) (i32.shl (local.get $ldc) (i32.const 1))) (local.get $c20) (local.get $c21) (local.get $w))))
                (if (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $m)) (then (call $store (i32.add (local.get $crow) (i32.mul (i32.const 3) (local.get $ldc))) (local.get $c30) (local.get $c31) (local.get $w))))))
            ;; Lower only, a block strictly below the diagonal (j + 4 ≤ i): its transpose is the block (J, I)
            ;; of the symmetric C, stored from registers (rows j … j + 3 < i < m, the columns i … < n).
            (if (i32.and (local.get $lower) (i32.lt_u (local.get $j) (local.get $i)))
              (then
                (local.set $w (i32.sub (local.get $n) (local.get $i)))
                (local.set $crow (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $n)) (local.get $i)) (i32.const 3))))
                (call $store (local.get $crow)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c00) (local.get $c10))
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c20) (local.get $c30)) (local.get $w))
                (local.set $crow (i32.add (local.get $crow) (local.get $ldc)))
                (call $store (local.get $crow)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c00) (local.get $c10))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c20) (local.get $c30)) (local.get $w))
                (local.set $crow (i32.add (local.get $crow) (local.get $ldc)))
                (call $store (local.get $crow)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c01) (local.get $c11))
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c21) (local.get $c31)) (local.get $w))
                (local.set $crow (i32.add (local.get $crow) (local.get $ldc)))
                (call $store (local.get $crow)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c01) (local.get $c11))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c21) (local.get $c31)) (local.get $w))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))
;; C (m×n) = A·B in one call: A(i, p) at $a + i·$ai + p·$ap and B(p, j) at $b + p·$bp + j·$bj (byte
;; strides), packed into the scratch at $scratch, then the kernel; $same = 1 for a Gram product (B is A
;; read the same way, m = n): packed once; $same = 3: also only the lower block triangle computed, each
;; block below the diagonal stored twice, as itself and transposed (the products of a Gram entry commute,
;; so the transposed entries are bit for bit those the full kernel would have summed). $direct bit 1:
;; A is read in place when its quads are contiguous ($ai = 8, m a multiple of 4: A = Xᵀ, X row-major);
;; bit 2: B likewise ($bj = 8, n a multiple of 4: B row-major); otherwise (or bit clear) packed.
;; The kernel reads the same values in the same order either way: the results are identical.
  (func (export "product") (param $a i32) (param $ai i32) (param $ap i32) (param $b i32) (param $bp i32) (param $bj i32)
        (param $c i32) (param $m i32) (param $k i32) (param $n i32) (param $scratch i32) (param $same i32) (param $direct i32)
    (local $pa i32) (local $astep i32) (local $apanel i32) (local $pb i32) (local $bstep i32) (local $bpanel i32) (local $free i32)
    (local.set $free (local.get $scratch))
    (if (i32.and (i32.and (local.get $direct) (i32.const 1))
                 (i32.and (i32.eq (local.get $ai) (i32.const 8)) (i32.eqz (i32.and (local.get $m) (i32.const 3)))))
      (then
        (local.set $pa (local.get $a))
        (local.set $astep (local.get $ap))
        (local.set $apanel (i32.const 32)))
      (else
        (call $pack (local.get $a) (local.get $m) (local.get $k) (local.get $ai) (local.get $ap) (local.get $scratch))
        (local.set $pa (local.get $scratch))
        (local.set $astep (i32.const 32))
        (local.set $apanel (i32.shl (local.get $k) (i32.const 5)))
        (local.set $free (i32.add (local.get $scratch)
          (i32.shl (i32.mul (i32.and (i32.add (local.get $m) (i32.const 3)) (i32.const -4)) (local.get $k)) (i32.const 3))))))
    (if (local.get $same)
      (then
        (local.set $pb (local.get $pa))
        (local.set $bstep (local.get $astep))
        (local.set $bpanel (local.get $apanel)))
      (else
        (if (i32.and (i32.and (local.get $direct) (i32.const 2))
                     (i32.and (i32.eq (local.get $bj) (i32.const 8)) (i32.eqz (i32.and (local.get $n) (i32.const 3)))))
          (then
            (local.set $pb (local.get $b))
            (local.set $bstep (local.get $bp))
            (local.set $bpanel (i32.const 32)))
          (else
            (call $pack (local.get $b) (local.get $n) (local.get $k) (local.get $bj) (local.get $bp) (local.get $free))
            (local.set $pb (local.get $free))
            (local.set $bstep (i32.const 32))
            (local.set $bpanel (i32.shl (local.get $k) (i32.const 5)))))))
    (call $kernel (local.get $pa) (local.get $pb) (local.get $c) (local.get $m) (local.get $n) (local.get $k) (i32.shr_u (local.get $same) (i32.const 1))
      (local.get $astep) (local.get $apanel) (local.get $bstep) (local.get $bpanel))
)

;; y[q] ← y[q] + α·x[q] for q < len (f64 at byte offsets y, x): one rounded product and one rounded sum per
;; entry, as JavaScript's y[q] += α * x[q] (with α = −η, y − η·x exactly: negation is exact).
  (func (export "axpy") (param $y i32) (param $x i32) (param $len i32) (param $alpha f64)
    (local $end i32) (local $a v128)
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $len) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $two
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $a) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $two)))
    (if (i32.and (local.get $len) (i32.const 1))
      (then (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $alpha) (f64.load (local.get $x))))))))

;; out[q] ← x[q] − y[q] for q < len (one rounded difference per entry): the residual alone, its loss left
;; to the caller (a sum in increasing q is a chain of dependent adds, the slowest part of a small step).
  (func (export "difference") (param $x i32) (param $y i32) (param $out i32) (param $len i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $len) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $two
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out) (f64x2.sub (v128.load (local.get $x)) (v128.load (local.get $y))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $two)))
    (if (i32.and (local.get $len) (i32.const 1))
      (then (f64.store (local.get $out) (f64.sub (f64.load (local.get $x)) (f64.load (local.get $y)))))))

;; Σ_{q<len} x[q]·y[q] (f64 at byte offsets x, y): lanes sum q ≡ 0, 1, 2, 3 (mod 4) separately for
;; q < 4·floor(len/4), combined as (s0 + s2) + (s1 + s3), then the tail added in order (cholesky.ts does the same).
  (func $dot (param $x i32) (param $y i32) (param $len i32) (result f64)
    (local $acc v128) (local $acc2 v128) (local $end i32) (local $s f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $four
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (br $four)))
    (local.set $acc (f64x2.add (local.get $acc) (local.get $acc2)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $len) (i32.const 3)) (i32.const 3))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $tail)))
    (local.get $s))

;; Cholesky A = LLᵀ in place (w×w row-major at byte offset a; lower triangle overwritten by L, the
;; upper left as it was). Returns 0, or 1 at a pivot that is not > 0 (including NaN).
  (func (export "cholesky") (param $a i32) (param $w i32) (result i32)
    (local $j i32) (local $i i32) (local $ld i32) (local $rj i32) (local $ri i32) (local $d f64) (local $l f64)
    (local.set $ld (i32.shl (local.get $w) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $cols
        (br_if $done (i32.ge_u (local.get $j) (local.get $w)))
        (local.set $rj (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $ld))))
        (local.set $d (f64.sub (f64.load (i32.add (local.get $rj) (i32.shl (local.get $j) (i32.const 3))))
                               (call $dot (local.get $rj) (local.get $rj) (local.get $j))))
        (if (i32.eqz (f64.gt (local.get $d) (f64.const 0))) (then (return (i32.const 1))))
        (local.set $l (f64.sqrt (local.get $d)))
        (f64.store (i32.add (local.get $rj) (i32.shl (local.get $j) (i32.const 3))) (local.get $l))
        (local.set $i (i32.add (local.get $j) (i32.const 1)))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_u (local.get $i) (local.get $w)))
            (local.set $ri (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ld))))
            (f64.store (i32.add (local.get $ri) (i32.shl (local.get $j) (i32.const 3)))
              (f64.div
                (f64.sub (f64.load (i32.add (local.get $ri) (i32.shl (local.get $j) (i32.const 3))))
                         (call $dot (local.get $ri) (local.get $rj) (local.get $j)))
                (local.get $l)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $cols)))
    (i32.const 0))

;; T = L⁻ᵀ (upper triangular, w×w at byte offset t, zeros below the diagonal) from the lower triangle L
;; at a: row j of T is column j of L⁻¹, T[j][i] = −(Σ_{j≤p<i} L[i][p]·T[j][p]) / L[i][i] for i > j.
  (func (export "inverseTranspose") (param $a i32) (param $t i32) (param $w i32)
    (local $j i32) (local $i i32) (local $ld i32) (local $tj i32) (local $ri i32)
    (local.set $ld (i32.shl (local.get $w) (i32.const 3)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $j) (local.get $w)))
        (local.set $tj (i32.add (local.get $t) (i32.mul (local.get $j) (local.get $ld))))
        (local.set $i (i32.const 0))
        (block $z_done
          (loop $zero
            (br_if $z_done (i32.ge_u (local.get $i) (local.get $j)))
            (f64.store (i32.add (local.get $tj) (i32.shl (local.get $i) (i32.const 3))) (f64.const 0))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $zero)))
        (f64.store (i32.add (local.get $tj) (i32.shl (local.get $j) (i32.const 3)))
          (f64.div (f64.const 1) (f64.load (i32.add (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $ld))) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $i (i32.add (local.get $j) (i32.const 1)))
        (block $i_done
          (loop $cols
            (br_if $i_done (i32.ge_u (local.get $i) (local.get $w)))
            (local.set $ri (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ld))))
            (f64.store (i32.add (local.get $tj) (i32.shl (local.get $i) (i32.const 3)))
              (f64.div
                (f64.neg (call $dot (i32.add (local.get $ri) (i32.shl (local.get $j) (i32.const 3)))
                                    (i32.add (local.get $tj) (i32.shl (local.get $j) (i32.const 3)))
                                    (i32.sub (local.get $i) (local.get $j))))
                (f64.load (i32.add (local.get $ri) (i32.shl (local.get $i) (i32.const 3))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $cols)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows)))))
