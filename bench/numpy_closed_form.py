#!/usr/bin/env python3
"""numpy side of `dmf-check bench`: times the textbook closed form
    W(t) = Φ E X (I + XᵀGX)⁻¹ XᵀE Φᵀ,  X = ΦᵀU₀,  E = e^{Λt},  G = expm1(2Λt)/Λ
on the instances the TypeScript side wrote (same Y, U₀ and times), best of `runs` runs.
Reads a JSON file {"instances": [{"n", "target", "factor", "times", "runs"}]}; prints JSON.
Evaluations where numpy reports a singular system or returns non-finite values are counted
(the direct formula's conditioning grows like e^{2|λ|t}, THEORY.md §1)."""
import json, sys, time
import numpy as np

def load(inst):
    """The instance's Y, U₀, times and width r."""
    U = np.array(inst['factor'], dtype=float)
    return np.array(inst['target'], dtype=float), U, np.array(inst['times'], dtype=float), U.shape[1]


def run_qr(inst):
    """The package's stable evaluation in numpy: W = P D Q2 Q2ᵀ D Pᵀ with Q2 the lower block of the QR
    of [I; G^{1/2}X] (rows sorted by norm: LAPACK's QR does not pivot). Without the package's
    extended-exponent rows it overflows for λt > 350, which these instances (λt ≤ 25) do not reach."""
    Y, U, times, r = load(inst)
    best = float('inf')
    for _ in range(inst.get('runs', 3)):
        t0 = time.perf_counter()
        lam, P = np.linalg.eigh(Y)
        X = P.T @ U
        nz = lam != 0
        safe = np.where(nz, lam, 1.0)
        I = np.eye(r)
        with np.errstate(all='ignore'):
            for t in times:
                if t == 0:
                    W = U @ U.T
                    continue
                g = np.where(nz, np.expm1(2 * lam * t) / safe, 2 * t)
                d = np.sqrt(np.where(nz, lam / -np.expm1(-2 * lam * t), 1 / (2 * t)))
                M = np.vstack([I, np.sqrt(g)[:, None] * X])
                order = np.argsort(-np.abs(M).max(axis=1))
                Q = np.linalg.qr(M[order])[0]
                Qf = np.empty_like(Q)
                Qf[order] = Q
                F = P @ (d[:, None] * Qf[r:])
                W = F @ F.T
        best = min(best, time.perf_counter() - t0)
    return len(times) / best


def run(inst):
    Y, U, times, r = load(inst)
    best, failures = float('inf'), 0
    for _ in range(inst.get('runs', 3)):
        failures = 0
        t0 = time.perf_counter()
        lam, P = np.linalg.eigh(Y)
        X = P.T @ U
        nz = lam != 0
        safe = np.where(nz, lam, 1.0)
        I = np.eye(r)
        with np.errstate(all='ignore'):
            for t in times:
                E = np.exp(lam * t)
                g = np.where(nz, np.expm1(2 * lam * t) / safe, 2 * t)
                M = I + X.T @ (g[:, None] * X)
                EX = E[:, None] * X
                try:
                    W = P @ (EX @ np.linalg.solve(M, EX.T)) @ P.T
                    if not np.all(np.isfinite(W)):
                        failures += 1
                except np.linalg.LinAlgError:
                    failures += 1
        best = min(best, time.perf_counter() - t0)
    samples = []
    for t in inst.get('sampleTimes', []):
        with np.errstate(all='ignore'):
            lam, P = np.linalg.eigh(Y)
            X = P.T @ U
            E = np.exp(lam * t)
            g = np.where(lam != 0, np.expm1(2 * lam * t) / np.where(lam != 0, lam, 1.0), 2 * t)
            EX = E[:, None] * X
            try:
                W = P @ (EX @ np.linalg.solve(np.eye(r) + X.T @ (g[:, None] * X), EX.T)) @ P.T
                samples.append([[float(v) if np.isfinite(v) else None for v in row] for row in W])
            except np.linalg.LinAlgError:
                samples.append(None)
    return {'n': len(Y), 'evaluationsPerSecond': len(times) / best, 'failures': failures, 'samples': samples,
            'qrEvaluationsPerSecond': run_qr(inst)}

def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    print(json.dumps({'numpy': np.__version__, 'results': [run(i) for i in spec['instances']]}))

if __name__ == '__main__':
    main()
