#!/usr/bin/env python3
"""numpy side of `dmf-check bench`, driven line by line over stdin/stdout (one JSON object per line) so
that dmf-check and numpy can be timed in alternating rounds of the same protocol.

Requests:
  {"op": "info"}                                   -> numpy version, BLAS library, its kernel and threads
  {"op": "setup", "id", "kind", ...data}          -> prepares a case (kinds below); replies {"ok": true}
  {"op": "time", "id", "minSeconds"}              -> passes until >= minSeconds of CPU (or wall) time;
                                                     replies the best pass {"units", "cpu", "wall"}
  {"op": "samples", "id", "times"}                -> textbook closed form at given times (error check)
Kinds:
  gd-symmetric  U <- U + eta (Y - U U^T) U, `steps` steps from the init (units: steps)
  gd-deep       N = 3, the prefix/suffix gradient, 7 matrix products a step (units: steps)
  cf-qr         the package's stable closed form: QR of the row-sorted [I; G^{1/2}X] per time (units: times)
  cf-textbook   W = P E X (I + X^T G X)^{-1} X^T E P^T per time (units: times)
  gemm          C = A @ B into a preallocated C, `reps` times (units: flops)
The caller sets OPENBLAS_NUM_THREADS (1 for the main column)."""
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np


def blas_info():
    info = {'numpy': np.__version__}
    try:  # threadpoolctl, if installed, names the kernel OpenBLAS chose
        from threadpoolctl import threadpool_info
        blas = [m for m in threadpool_info() if m.get('user_api') == 'blas']
        if blas:
            b = blas[0]
            info.update(library=b.get('internal_api'), version=b.get('version'), kernel=b.get('architecture'),
                        threads=b.get('num_threads'), source='threadpoolctl')
            return info
    except ImportError:
        pass
    libs = glob.glob(os.path.join(os.path.dirname(os.path.dirname(np.__file__)), 'numpy.libs', '*openblas*'))
    for path in libs:
        lib = ctypes.CDLL(path)
        for suffix in ('64_', ''):
            for prefix in ('scipy_openblas_', 'openblas_'):
                core = getattr(lib, f'{prefix}get_corename{suffix}', None)
                if core is None:
                    continue
                core.restype = ctypes.c_char_p
                conf = getattr(lib, f'{prefix}get_config{suffix}')
                conf.restype = ctypes.c_char_p
                info.update(library='openblas', version=conf().decode(), kernel=core().decode(),
                            threads=getattr(lib, f'{prefix}get_num_threads{suffix}')(), source='ctypes')
                return info
    info.update(library='unknown', kernel='unknown', source='none')
    return info


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


def cf_qr(Y, U, times):
    """The package's stable evaluation in numpy: W = P D Q2 Q2^T D P^T with Q2 the lower block of the QR of
    [I; G^{1/2}X] (rows sorted by norm: LAPACK's QR does not pivot). Without the package's extended-exponent
    rows it overflows for lambda t > 350, which the benchmark (lambda t <= 25) does not reach."""
    r = U.shape[1]
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


def cf_textbook(Y, U, times, out=None):
    r = U.shape[1]
    lam, P = np.linalg.eigh(Y)
    X = P.T @ U
    nz = lam != 0
    safe = np.where(nz, lam, 1.0)
    I = np.eye(r)
    with np.errstate(all='ignore'):
        for t in times:
            E = np.exp(lam * t)
            g = np.where(nz, np.expm1(2 * lam * t) / safe, 2 * t)
            EX = E[:, None] * X
            try:
                W = P @ (EX @ np.linalg.solve(I + X.T @ (g[:, None] * X), EX.T)) @ P.T
            except np.linalg.LinAlgError:
                W = None
            if out is not None:
                out.append(None if W is None else [[float(v) if np.isfinite(v) else None for v in row] for row in W])


CASES = {}


def setup(req):
    kind = req['kind']
    if kind in ('gd-symmetric', 'gd-deep'):
        Y = np.array(req['target'], dtype=float)
        init = [np.array(f, dtype=float) for f in req['init']]
        eta, steps = req['stepSize'], req['steps']
        if kind == 'gd-symmetric':
            run = lambda: sym_loop(Y, init[0].copy(), eta, steps)
        else:
            run = lambda: deep3_loop(Y, *[f.copy() for f in init], eta, steps)
        units = steps
    elif kind in ('cf-qr', 'cf-textbook'):
        Y = np.array(req['target'], dtype=float)
        U = np.array(req['factor'], dtype=float)
        times = np.array(req['times'], dtype=float)
        f = cf_qr if kind == 'cf-qr' else cf_textbook
        run = lambda: f(Y, U, times)
        units = len(times)
        CASES[req['id'] + ':data'] = (Y, U)
    elif kind == 'gemm':
        n, reps = req['n'], req['reps']
        rng = np.random.default_rng(1)
        A, B, C = rng.standard_normal((n, n)), rng.standard_normal((n, n)), np.empty((n, n))

        def run():
            for _ in range(reps):
                np.matmul(A, B, out=C)
        units = 2 * n ** 3 * reps
    else:
        raise ValueError(f'unknown kind {kind}')
    CASES[req['id']] = (run, units)
    return {'ok': True}


def time_case(req):
    run, units = CASES[req['id']]
    clock = time.perf_counter if req.get('clock') == 'wall' else time.process_time
    run()  # warm-up
    best_cpu = best_wall = float('inf')
    spent = 0.0
    while spent < req.get('minSeconds', 0.25) or best_cpu == float('inf'):
        c0, w0 = clock(), time.perf_counter()
        run()
        c, w = clock() - c0, time.perf_counter() - w0
        spent += c
        best_cpu, best_wall = min(best_cpu, c), min(best_wall, w)
    return {'units': units, 'cpu': best_cpu, 'wall': best_wall}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            op = req['op']
            if op == 'info':
                out = blas_info()
            elif op == 'setup':
                out = setup(req)
            elif op == 'time':
                out = time_case(req)
            elif op == 'samples':
                Y, U = CASES[req['id'] + ':data']
                samples = []
                cf_textbook(Y, U, req['times'], samples)
                out = {'samples': samples}
            else:
                raise ValueError(f'unknown op {op}')
        except Exception as e:  # reported to the caller, which prints it
            out = {'error': f'{type(e).__name__}: {e}'}
        sys.stdout.write(json.dumps(out) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
