import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEOREMS } from '../../theorems/registry.js';
import type { Theorem } from '../../theorems/types.js';
import { ClaimSet } from '../search/claims.js';
import { fixtureOf } from '../search/run.js';
import { writeFixture } from '../fixtures/fixture.js';
import { check, checkOk, runCheck } from './check.js';
import type { CliIo } from './io.js';

function io(stdin = ''): CliIo & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (s: string) => void (o.out += s), stderr: (s: string) => void (o.err += s), stdin: async () => stdin };
  return o;
}
const tmp = () => mkdtempSync(join(tmpdir(), 'dmf-check-'));

describe('dmf-check check', () => {
  it('runs every registered claim and its controls: table ≤ 100 columns, progress bar, report written', async () => {
    const x = io();
    const dir = tmp();
    const code = await check(['--runs', '12', '--seed', '5', '--workers', '1', '--report', dir], x, true);
    // Table ids are cut to fit 100 columns: compare the first 22 characters.
    for (const t of THEOREMS) expect(x.out).toContain(t.id.slice(0, 22));
    for (const line of x.out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(x.err).toMatch(/\[#+\.*\] \d+\/\d+ \d+% ETA/);
    const r = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(r.theorems.length).toBe(THEOREMS.length);
    // Every claim holds (or has a known counterexample) and every gross control is refuted in 12
    // instances; a near miss refuted on a fraction ~0.3 may miss all 12 (its check is the properties'),
    // and then the exit status says so.
    type Row = { id: string; refuted: number; known: string[]; errorCount: number; inconclusive: number; outsideHypotheses: number; controls: { kind: string; refuted: number }[] };
    for (const t of r.theorems as Row[]) {
      expect(t.refuted === 0 || t.known.length > 0, t.id).toBe(true);
      expect([t.errorCount, t.inconclusive, t.outsideHypotheses], t.id).toEqual([0, 0, 0]);
      for (const c of t.controls) if (c.kind === 'gross') expect(c.refuted, t.id).toBeGreaterThan(0);
    }
    expect(code).toBe(r.ok ? 0 : 1);
    expect(x.out).toMatch(r.ok ? /All claims hold/ : /Some claim failed or some control was not refuted/);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/\| claim \| source \| tag \| instances \| held \| refuted \| inconclusive \| errors \| outside hypotheses \| tightest margin/);
  }, 400_000); // a hang guard: ~60 s on two idle cores, well over 120 s beside other CPU work
  it('--json is byte-identical for one seed and carries no timings unless --timings; --theorem globs', async () => {
    const run = async (extra: string[]) => {
      const x = io();
      await check(['--runs=4', '--theorem', 'mv.theorem*', '--json', '--no-report', '--workers', '1', ...extra], x, false);
      return x.out;
    };
    const a = await run([]), b = await run([]);
    expect(a).toBe(b);
    const r = JSON.parse(a);
    expect(r.theorems.map((t: { id: string }) => t.id)).toEqual(['mv.theorem3', 'mv.theorem4']);
    expect(a).not.toContain('seconds');
    expect(r.theorems[0]).toMatchObject({ id: 'mv.theorem3', instances: 4, holds: 4, refuted: 0, margin: { name: 'bound slack' } });
    for (const c of r.theorems[0].controls as { kind: string; refuted: number; instances: number; fraction: number }[]) {
      expect(c.fraction).toBe(c.refuted / c.instances);
      if (c.kind === 'gross') expect(c.refuted).toBeGreaterThan(0);
    }
    expect(await run(['--timings'])).toContain('"seconds"');
  });
  it('gives the same result on 2 worker threads as on 1', async () => {
    const run = async (k: string) => {
      const x = io();
      expect(await check(['--runs', '6', '--theorem', 'mv.theorem3', '--json', '--no-report', '--workers', k], x, false)).toBe(0);
      return x.out;
    };
    expect(await run('2')).toBe(await run('1'));
  });
  it('rejects bad usage with the field and the rule (seeds: every integer 0 … 2^53−1, never wrapped)', async () => {
    await expect(check(['--frobnicate'], io())).rejects.toThrow(/^arguments: check: Unknown option '--frobnicate' \(see dmf-check check --help\)$/);
    await expect(check(['--theorem', 'mv.nope'], io())).rejects.toThrow(/^--theorem: "mv.nope" matches no claim/);
    await expect(check(['--runs', '0'], io())).rejects.toThrow(/^--runs: must be an integer from 1/);
    await expect(check(['--runs', '1e12'], io())).rejects.toThrow(/^--runs: must be at most 1000000 \(the limit/);
    await expect(check(['--seed=-1'], io())).rejects.toThrow(/^--seed: must be an integer from 0 to 2\^53/);
    await expect(check(['--seed', '9007199254740992'], io())).rejects.toThrow(/^--seed: must be an integer from 0 to 2\^53/);
    await expect(check(['--seed', '1.5'], io())).rejects.toThrow(/^--seed/);
    await expect(check(['--workers', '0'], io())).rejects.toThrow(/^--workers/);
    const x = io();
    expect(await check(['--seed', '0', '--runs', '1', '--theorem', 'mv.order', '--no-report', '--workers', '1'], x, false)).toBe(0);
    const y = io();
    expect(await check(['--seed', '9007199254740991', '--runs', '1', '--theorem', 'mv.order', '--no-report', '--workers', '1'], y, false)).toBe(0);
  });
  it('--help and --list --json', async () => {
    const h = io();
    expect(await check(['--help'], h)).toBe(0);
    expect(h.out).toMatch(/Usage: dmf-check check/);
    const l = io();
    expect(await check(['--list', '--json'], l)).toBe(0);
    const items = JSON.parse(l.out);
    expect(items.length).toBe(THEOREMS.length);
    expect(items.find((i: { id: string }) => i.id === 'mv.theorem3')).toMatchObject({ paper: 'MV', tag: 'paper' });
    expect(items.find((i: { id: string }) => i.id === 'mv.theorem3').controls.slice(0, 2)).toEqual(['mv.theorem3:epsilon/10', 'mv.theorem3:widened-20%']);
  });
  it('reports a refuted claim and an unrefuted control as failures', async () => {
    const base = THEOREMS[0];
    const one = fc.sample(base.arbitrary(), { seed: 1, numRuns: 1 })[0];
    const alwaysFalse: Theorem<unknown, unknown, unknown> = {
      ...base,
      id: 'test.false',
      verdict: () => ({ holds: false, margin: -1, certified: true, worst: {}, details: {} }),
      negativeControls: [{ name: 'never', kind: 'gross', description: 'a control that always holds', theorem: { ...base, id: 'test.true', arbitrary: () => fc.constant(one), verdict: () => ({ holds: true, margin: 1, certified: true, worst: {}, details: {} }) } }],
      arbitrary: () => fc.constant(one),
    };
    const claims = new ClaimSet([alwaysFalse], false);
    const [s] = await runCheck(claims, claims.theorems, { runs: 2, seed: 1, workers: 1, modules: [], fixtures: tmp() });
    expect(s.refuted).toBe(2);
    expect(s.refutations.length).toBe(2);
    expect(s.controls[0].refuted).toBe(0);
    expect(checkOk(s)).toBe(false);

    // A recorded, explained counterexample makes the refutations known (the control must still bite).
    const fixtures = tmp();
    const ref = claims.get('test.false', 'claim');
    const verdict = { holds: false, margin: -1, certified: true, worst: {}, details: {} };
    const fx = fixtureOf(ref, { address: 'test.false', index: 0, original: one, instance: one, prediction: null, observation: null, verdict, path: '0', blockSeed: 1, precise: { method: 'test', verdict: 'refuted' } }, {});
    writeFixture(fixtures, { ...fx, explanation: '' });
    const [unexplained] = await runCheck(claims, claims.theorems, { runs: 2, seed: 1, workers: 1, modules: [], fixtures });
    expect(unexplained.known).toEqual([]);
    const explained = tmp();
    writeFixture(explained, { ...fx, explanation: 'always false by construction' });
    const [k] = await runCheck(claims, claims.theorems, { runs: 2, seed: 1, workers: 1, modules: [], fixtures: explained });
    expect(k.known.length).toBe(1);
    expect(checkOk({ ...k, controls: [] })).toBe(true);
    expect(checkOk(k)).toBe(false); // the unrefuted control still fails the run
  });
});

describe('dmf-check check --instance', () => {
  const good = { kind: 'spectral', eigenvalues: [3, 1], basisSeed: 7, shape: [1, 1], alpha: 1e-6, epsilon: 0.5 };
  it('checks one instance and prints {theorem, status, failures, prediction, observation, verdict}', async () => {
    const x = io(JSON.stringify(good));
    expect(await check(['--theorem', 'mv.theorem3', '--instance', '-'], x)).toBe(0);
    const r = JSON.parse(x.out);
    expect(Object.keys(r)).toEqual(['theorem', 'status', 'failures', 'prediction', 'observation', 'verdict']);
    expect(r).toMatchObject({ theorem: 'mv.theorem3', status: 'holds', failures: [] });
  });
  it('names each failing hypothesis with its quantity and bound', async () => {
    const x = io(JSON.stringify({ ...good, epsilon: 2 }));
    expect(await check(['--theorem', 'mv.theorem3', '--instance', '-'], x)).toBe(0);
    const r = JSON.parse(x.out);
    expect(r.status).toBe('outside-hypotheses');
    expect(r.failures[0]).toMatchObject({ name: '0 < ε ≤ σ_K', quantity: 2, relation: '≤', bound: 1 });
  });
  it('an instance on which the checker throws is status "error" (exit 1), not bad input', async () => {
    // Found by `dmf-check search --claim mv.corollary2 --seed 1`: a subnormal init shape overflows a predicted time.
    const x = io(JSON.stringify({ kind: 'spectral', eigenvalues: [3.999999999999985], basisSeed: 30, shape: [7.4e-323], alpha: 1 }));
    const code = await check(['--theorem', 'mv.corollary2', '--instance', '-'], x);
    const r = JSON.parse(x.out);
    if (r.status === 'error') {
      expect(code).toBe(1);
      expect(r.error).toMatch(/./);
    } else expect(['holds', 'outside-hypotheses']).toContain(r.status); // fixed upstream
  });
  it('rejects a malformed instance naming the field', async () => {
    const bad = async (v: unknown, re: RegExp) => expect(check(['--theorem', 'mv.theorem3', '--instance', '-'], io(typeof v === 'string' ? v : JSON.stringify(v)))).rejects.toThrow(re);
    await bad({ ...good, alpha: 'x' }, /^instance\.alpha: must be a finite number/);
    await bad({ ...good, basisSeed: 1.5 }, /^instance\.basisSeed: must be an integer/);
    await bad({ ...good, extra: 1 }, /^instance\.extra: unknown field/);
    const { epsilon: _e, ...noEps } = good;
    await bad(noEps, /^instance\.epsilon: is required/);
    await bad({ ...good, kind: 'other' }, /^instance\.kind: must be one of "spectral"/);
    await bad({ ...good, eigenvalues: new Array(500).fill(1) }, /^instance\.eigenvalues: must have at most \d+ entries \(the size limit/);
    await bad('{"kind": ', /^instance: must be valid JSON/);
    await bad({ ...good, alpha: { $float: 'bogus' } }, /^instance\.alpha\.\$float/);
    await expect(check(['--theorem', 'mv.*', '--instance', '-'], io('{}'))).rejects.toThrow(/^--theorem: exactly one claim id/);
  });
});

describe('stated refutation fractions', () => {
  it('are compared through the 95 % Wilson interval of the measured fraction', async () => {
    const { consistentWithStated } = await import('./check.js');
    expect(consistentWithStated(8, 12, [0.35, 0.65])).toBe(true); // 0.67 at 12 runs: sampling noise
    expect(consistentWithStated(67, 100, [0.35, 0.5])).toBe(false); // [0.57, 0.75] misses it
    expect(consistentWithStated(0, 100, [0.05, 0.2])).toBe(false);
    expect(consistentWithStated(10, 100, [0.05, 0.2])).toBe(true);
    expect(consistentWithStated(0, 0, [0.5, 0.6])).toBe(true);
  });
});
