#!/usr/bin/env python3
"""Golden values of the symmetric gradient-flow closed form, from an independent reference.

Reference: the direct formula (docs/theory.md §1, [MV] Prop. 1)
    W(t) = e^{Yt} U0 (I + U0ᵀ G(t) U0)^{-1} U0ᵀ e^{Yt},  G(t) = ∫0^t 2 e^{2Ys} ds,
evaluated with mpmath at a working precision of 60 + 2·max|λ|·t/ln(10) + 40 digits, which covers
the e^{2|λ|t} conditioning of the formula, so the printed 60 significant digits are exact. This is
a different algorithm (and a different eigensolver) from the package's float64 and decimal solvers.

Inputs are decimal strings with at most 15 significant digits: the float64 solver reads the nearest
double, the decimal solver reads the exact decimal; the reference uses the exact decimal.

Run: python3 scripts/golden_closed_form.py > fixtures/golden/closed-form.json   (about 1 minute)
"""
import json, math, sys
import numpy as np
import mpmath as mp

SEED = 20261124
OUT_DIGITS = 60


def s15(x):
    return format(float(x), '.15g')


def reference(Y, U0, times):
    n, r = len(Y), len(U0[0])
    lam_guess = max(abs(v) for v in np.linalg.eigvalsh(np.array([[float(v) for v in row] for row in Y])))
    out = []
    for t in times:
        extra = int(2 * lam_guess * float(t) / math.log(10)) + 40
        with mp.workdps(OUT_DIGITS + extra):
            t = mp.mpf(repr(t))  # times are read as decimals, like the package does
            Ym = mp.matrix([[mp.mpf(v) for v in row] for row in Y])
            U = mp.matrix([[mp.mpf(v) for v in row] for row in U0])
            E, Q = mp.eigsy(Ym)
            X = Q.T * U
            e = [mp.exp(E[i] * t) for i in range(n)]
            g = [(mp.expm1(2 * E[i] * t) / E[i]) if E[i] != 0 else 2 * t for i in range(n)]
            M = mp.eye(r)
            for a in range(r):
                for b in range(r):
                    M[a, b] += mp.fsum(X[i, a] * g[i] * X[i, b] for i in range(n))
            EX = mp.matrix(n, r)
            for i in range(n):
                for a in range(r):
                    EX[i, a] = e[i] * X[i, a]
            Wt = EX * (mp.inverse(M) * EX.T)
            W = Q * Wt * Q.T
            out.append([[mp.nstr(W[i, j], OUT_DIGITS, strip_zeros=False, min_fixed=1, max_fixed=0) for j in range(n)] for i in range(n)])
    return out


def random_orthogonal(rng, n):
    q, rr = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(rr))


def make_instance(rng, category, k):
    n = int(rng.integers(1, 9))
    if category == 'wide-r':
        r = n + int(rng.integers(1, 3))
    elif category == 'narrow-r':
        n = max(n, 2)
        r = int(rng.integers(1, n))
    else:
        r = int(rng.integers(1, n + 3))
    lam = rng.uniform(-5, 5, n)
    if category == 'near-equal' and n >= 2:
        lam[1] = lam[0] + 10 ** rng.uniform(-9, -6)
    if category == 'zero-eigenvalue':
        lam[rng.integers(0, n)] = 0.0
    if category == 'negative':
        lam = -np.abs(lam)
    Q = random_orthogonal(rng, n)
    Yf = Q @ np.diag(lam) @ Q.T
    Y = [[s15(Yf[min(i, j), max(i, j)]) for j in range(n)] for i in range(n)]
    if category == 'mixed-magnitude':
        U = rng.choice([-1, 1], (n, r)) * 10 ** rng.uniform(-8, 0, (n, r))
    elif category == 'spectral':
        r = n
        shape = rng.uniform(0.1, 2, n)
        alpha = 10 ** rng.uniform(-8, 0)
        U = math.sqrt(alpha) * Q @ np.diag(np.sqrt(shape))
    else:
        U = 10 ** rng.uniform(-8, 0) * rng.standard_normal((n, r))
    U0 = [[s15(U[i, j]) for j in range(r)] for i in range(n)]
    return {'id': f'{category}-{k}', 'category': category, 'n': n, 'r': r, 'target': Y, 'factor': U0}


def main():
    rng = np.random.default_rng(SEED)
    times = [0, 1e-9, 1e-3, 0.1, 1, 3, 8, 20, 50]
    cats = ['generic'] * 12 + ['mixed-magnitude'] * 6 + ['near-equal'] * 6 + ['zero-eigenvalue'] * 4 + \
        ['negative'] * 3 + ['wide-r'] * 4 + ['narrow-r'] * 5 + ['spectral'] * 4
    instances = []
    for k, c in enumerate(cats):
        inst = make_instance(rng, c, k)
        inst['times'] = times
        inst['W'] = reference(inst['target'], inst['factor'], times)
        instances.append(inst)
        print(f'{inst["id"]} n={inst["n"]} r={inst["r"]}', file=sys.stderr)
    json.dump({
        'description': 'Symmetric gradient flow W(t) from the direct closed form at raised precision (mpmath); '
                       f'{OUT_DIGITS} significant digits.',
        'generator': 'scripts/golden_closed_form.py',
        'seed': SEED,
        'digits': OUT_DIGITS,
        'instances': instances,
    }, sys.stdout, indent=1)
    print()


if __name__ == '__main__':
    main()
