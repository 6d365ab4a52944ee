#!/usr/bin/env python3
"""Golden iterates of deep matrix gradient descent, from an independent reference (mpmath).

The iteration (src/gd/layered.ts, src/precise/matrixGdDecimal.ts): W = W_N ... W_1,
    full:    L = 1/2 ||W - Y||_F^2,            E = W - Y
    sensing: L = (1/2m) sum_i (<A_i, W> - y_i)^2, E = (1/m) sum_i r_i A_i
    grad_j = (W_N ... W_{j+1})^T E (W_{j-1} ... W_1)^T, all j from the same iterate, then
    W_j <- W_j - eta * grad_j.
Here each gradient is formed directly from its definition with mpmath matrices (products recomputed
per factor, no prefix/suffix caching), at 80 decimal digits; the printed 40 significant digits are
exact for these short, well-conditioned runs. Inputs are doubles (from numpy's seeded generator),
written with repr (round-trip exact) and read by mpmath exactly (mpf(float) is exact).

Run: python3 scripts/golden_matrix_gd.py > fixtures/golden/matrix-gd.json   (a few seconds)
"""
import json
import numpy as np
import mpmath as mp

mp.mp.dps = 80
SEED = 20261125
OUT_DIGITS = 40


def mat(a):
    return mp.matrix([[mp.mpf(float(x)) for x in row] for row in a])


def prod(ws, lo, hi, rows_if_empty):
    """W_hi ... W_lo (1-based, inclusive); identity of size rows_if_empty if empty."""
    out = None
    for j in range(lo, hi + 1):
        out = ws[j - 1] if out is None else ws[j - 1] * out
    return out if out is not None else mp.eye(rows_if_empty)


def run(case):
    Y = mat(case['y'])
    ws = [mat(f) for f in case['factors']]
    eta = mp.mpf(case['stepSize'])
    N = len(ws)
    meas = case.get('measurements')
    As = [mat(a) for a in meas['matrices']] if meas else None
    ys = [mp.mpf(v) for v in meas['observations']] if meas else None
    out = []
    for k in range(case['steps'] + 1):
        W = prod(ws, 1, N, None)
        if k in case['record']:
            out.append({'iteration': k, 'product': [[mp.nstr(W[i, j], OUT_DIGITS, strip_zeros=False) for j in range(W.cols)] for i in range(W.rows)]})
        if k == case['steps']:
            break
        if As is None:
            E = W - Y
        else:
            E = mp.zeros(W.rows, W.cols)
            for A, yi in zip(As, ys):
                r = sum(A[i, j] * W[i, j] for i in range(W.rows) for j in range(W.cols)) - yi
                E += (r / len(As)) * A
        grads = []
        for j in range(1, N + 1):
            S = prod(ws, j + 1, N, W.rows)  # W_N ... W_{j+1}
            P = prod(ws, 1, j - 1, ws[0].cols)  # W_{j-1} ... W_1
            grads.append(S.T * E * P.T)
        ws = [w - eta * g for w, g in zip(ws, grads)]
    return out


def tolist(a):
    return [[float(x) for x in row] for row in a]


def main():
    rng = np.random.default_rng(SEED)
    cases = []
    # n = 3, N = 3, Gaussian init (no scalar reduction), symmetric target
    q, _ = np.linalg.qr(rng.standard_normal((3, 3)))
    y = q @ np.diag([2.0, 0.7, 0.1]) @ q.T
    cases.append({'name': 'deep N=3 n=3 gaussian init', 'y': tolist(y), 'factors': [tolist(0.3 * rng.standard_normal((3, 3)) / np.sqrt(3)) for _ in range(3)], 'stepSize': 0.1, 'steps': 12, 'record': [0, 1, 5, 12]})
    # n = 4, N = 2, non-symmetric target, random init
    y = rng.standard_normal((4, 4))
    cases.append({'name': 'deep N=2 n=4 non-symmetric', 'y': tolist(y), 'factors': [tolist(0.2 * rng.standard_normal((4, 4))) for _ in range(2)], 'stepSize': 0.05, 'steps': 10, 'record': [0, 3, 10]})
    # rectangular 3x4 target, N = 3, hidden widths 2 and 3
    y = rng.standard_normal((3, 4))
    dims = [4, 2, 3, 3]
    cases.append({'name': 'rectangular 3x4 widths 2,3', 'y': tolist(y), 'factors': [tolist(0.4 * rng.standard_normal((dims[j + 1], dims[j]))) for j in range(3)], 'stepSize': 0.08, 'steps': 8, 'record': [0, 8]})
    # N = 1 (plain GD)
    y = rng.standard_normal((2, 2))
    cases.append({'name': 'N=1 plain GD', 'y': tolist(y), 'factors': [tolist(0.1 * rng.standard_normal((2, 2)))], 'stepSize': 0.3, 'steps': 6, 'record': [6]})
    # sensing, n = 3, m = 5, N = 2, identical init
    x = q @ np.diag([1.5, 0.4, 0.0]) @ q.T
    A = rng.standard_normal((5, 3, 3))
    obs = [float(np.sum(a * x)) for a in A]
    cases.append({'name': 'sensing n=3 m=5 N=2', 'y': tolist(x), 'factors': [tolist(0.1 * np.eye(3)) for _ in range(2)], 'stepSize': 0.1, 'steps': 10, 'record': [0, 4, 10],
                  'measurements': {'matrices': [tolist(a) for a in A], 'observations': obs}})
    for c in cases:
        c['golden'] = run(c)
    print(json.dumps({'generator': 'scripts/golden_matrix_gd.py', 'seed': SEED, 'digits': OUT_DIGITS, 'mpmathDps': mp.mp.dps, 'cases': cases}, indent=1))


if __name__ == '__main__':
    main()
