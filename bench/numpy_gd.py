#!/usr/bin/env python3
"""numpy side of `dmf-check bench`: the same gradient-descent loops as dmf-check.
symmetric: U ← U + η(Y − UUᵀ)U;  deep (N = 3): the prefix/suffix gradient, 7 matrix products per step.
Reads {"cases": [{"model", "n", "target", "init": [factors], "stepSize", "steps", "runs"}]}; prints JSON."""
import json, sys, time
import numpy as np

def sym_loop(Y, U, eta, steps):
    for _ in range(steps):
        U = U + eta * ((Y - U @ U.T) @ U)
    return U

def deep3_loop(Y, W1, W2, W3, eta, steps):
    for _ in range(steps):
        P2 = W2 @ W1
        E = W3 @ P2 - Y
        S1 = W3 @ W2
        G1 = S1.T @ E
        G2 = (W3.T @ E) @ W1.T
        G3 = E @ P2.T
        W1, W2, W3 = W1 - eta * G1, W2 - eta * G2, W3 - eta * G3
    return W1, W2, W3

def run(case):
    Y = np.array(case['target'], dtype=float)
    init = [np.array(f, dtype=float) for f in case['init']]
    eta, steps = case['stepSize'], case['steps']
    best = float('inf')
    for _ in range(case.get('runs', 3)):
        t0 = time.perf_counter()
        if case['model'] == 'symmetric':
            sym_loop(Y, init[0].copy(), eta, steps)
        else:
            deep3_loop(Y, *[f.copy() for f in init], eta, steps)
        best = min(best, time.perf_counter() - t0)
    return {'model': case['model'], 'n': len(Y), 'stepsPerSecond': steps / best}

def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    print(json.dumps({'numpy': np.__version__, 'results': [run(c) for c in spec['cases']]}))

if __name__ == '__main__':
    main()
