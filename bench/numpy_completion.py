#!/usr/bin/env python3
"""numpy side of the completion benchmark: the same gradient-descent update as dmf-check's completion
model, W = W_N⋯W₁, loss (1/2|Ω|)·Σ_{(a,b)∈Ω}(W_ab − Y_ab)², all factors updated simultaneously:
∇_{W_j} = S_jᵀ E P_{j−1}ᵀ with E = P_Ω(W − Y)/|Ω| (a dense array, as a numpy user would write it).
Run with one BLAS thread (OPENBLAS_NUM_THREADS=1, set by the caller).
Reads {"target", "init": [W1, …, WN], "observed": [flat indices], "stepSize", "steps", "runs"};
prints {"numpy", "stepsPerSecond", "product"} (the product after `steps` steps, for an agreement check)."""
import json, sys, time
import numpy as np

def loop(Y, W, rows, cols, eta, steps):
    m = len(rows)
    N = len(W)
    vals = Y[rows, cols]
    E = np.zeros_like(Y)
    for _ in range(steps):
        P = [W[0]]
        for j in range(1, N):
            P.append(W[j] @ P[-1])
        E[rows, cols] = (P[-1][rows, cols] - vals) / m
        S = [None] * N  # S[j] = W_N ⋯ W_{j+2} (0-based: W[N-1] ⋯ W[j+1])
        if N >= 2:
            S[N - 2] = W[N - 1]
        for j in range(N - 3, -1, -1):
            S[j] = S[j + 1] @ W[j + 1]
        G = []
        for j in range(N):
            left = E if j == N - 1 else S[j].T @ E
            G.append(left if j == 0 else left @ P[j - 1].T)
        W = [w - eta * g for w, g in zip(W, G)]
    return W

def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    Y = np.array(spec['target'], dtype=float)
    n = Y.shape[1]
    idx = np.array(spec['observed'], dtype=np.int64)
    rows, cols = idx // n, idx % n
    init = [np.array(w, dtype=float) for w in spec['init']]
    best = float('inf')
    for _ in range(spec.get('runs', 3)):
        t0 = time.perf_counter()
        W = loop(Y, [w.copy() for w in init], rows, cols, spec['stepSize'], spec['steps'])
        best = min(best, time.perf_counter() - t0)
    P = W[0]
    for w in W[1:]:
        P = w @ P
    print(json.dumps({'numpy': np.__version__, 'stepsPerSecond': spec['steps'] / best, 'product': P.tolist()}))

if __name__ == '__main__':
    main()
