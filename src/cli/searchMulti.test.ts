/** `dmf-check search` over several claims: repeatable --claim, globs, one summary per claim and a total. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { listFixtureFiles } from '../fixtures/fixture.js';
import { ClaimSet } from '../search/claims.js';
import { main } from './main.js';
import { expandClaims } from './search.js';

function io() {
  const o = { out: '', err: '', stdout: (s: string) => void (o.out += s), stderr: (s: string) => void (o.err += s), stdin: async () => '' };
  return o;
}

describe('expandClaims', () => {
  const claims = new ClaimSet();
  it('expands globs over claim ids (no colon) or control addresses (with one), in order, each once', () => {
    const cgmr = claims.theorems.map((t) => t.id).filter((id) => id.startsWith('cgmr.'));
    expect(expandClaims(claims, ['cgmr.*'])).toEqual(cgmr);
    expect(expandClaims(claims, ['*'])).toEqual(claims.theorems.map((t) => t.id));
    const t3 = claims.theorems.find((t) => t.id === 'mv.theorem3')!.negativeControls.map((c) => `mv.theorem3:${c.name}`);
    expect(expandClaims(claims, ['mv.theorem3:*'])).toEqual(t3);
    expect(expandClaims(claims, ['mv.order', 'mv.*', t3[0]])[0]).toBe('mv.order');
    expect(new Set(expandClaims(claims, ['mv.order', 'mv.*'])).size).toBe(expandClaims(claims, ['mv.*']).length);
  });
  it('a glob matching nothing, or an unknown address, is bad usage naming --claim', () => {
    expect(() => expandClaims(claims, ['nope.*'])).toThrow(InputError);
    expect(() => expandClaims(claims, ['nope.*'])).toThrow(/--claim/);
    expect(() => expandClaims(claims, ['mv.theorem3:zzz*'])).toThrow(/matches no control/);
    expect(() => expandClaims(claims, ['mv.nope'])).toThrow(/unknown claim/);
  });
});

describe('search over several claims', () => {
  it('--claim repeated and globbed: one summary per claim, the total, fixtures on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-multi-'));
    const x = io();
    expect(await main(['search', '--claim', 'mv.theorem4:ratio*', '--claim', 'mv.theorem4:ratio-condition-dropped', '--budget', '3', '--workers', '1', '--shrink', '2', '--out', dir, '--json'], x)).toBe(0);
    const r = JSON.parse(x.out);
    expect(r.claims.map((s: { claim: string }) => s.claim)).toEqual(['mv.theorem4:ratio-condition-dropped', 'mv.theorem4:ratio-condition*0.95']);
    expect(r.notRun).toEqual([]);
    expect(r.total.examined).toBe(3 * r.claims.length);
    expect(r.total.run).toBe(r.claims.length);
    const files = listFixtureFiles(dir);
    const found = r.claims.flatMap((s: { findings: { path: string }[] }) => s.findings.map((f) => f.path));
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(files).toContain(p);
    const y = io();
    expect(await main(['search', '--claim', 'mv.theorem4:ratio*', '--budget', '1', '--workers', '1', '--shrink', '0', '--out', dir], y)).toBe(0);
    expect(y.out).toMatch(/^total: \d+ of \d+ claims searched, \d+ instances/m);
  });
  it('--record takes exactly one claim', async () => {
    const x = io();
    expect(await main(['search', '--claim', 'mv.*', '--record', '-'], x)).toBe(2);
    expect(x.err).toMatch(/--claim/);
  });
});

describe('the JSON summary lists the examined blocks as runs of the shard stride', () => {
  it('blockRuns: consecutive blocks of stride n merge into [first, last]; gaps start a new run', async () => {
    const { blockRuns } = await import('./search.js');
    expect(blockRuns([], 1)).toEqual([]);
    expect(blockRuns([0, 1, 2, 3, 7, 8], 1)).toEqual([[0, 3], [7, 8]]);
    expect(blockRuns([2, 5, 8, 14], 3)).toEqual([[2, 8], [14, 14]]);
  });
  it('search --json prints blocks as runs (one run for an uninterrupted single-shard search)', async () => {
    const o = io();
    const out = mkdtempSync(join(tmpdir(), 'dmf-runs-'));
    const code = await main(['search', '--claim', 'mv.order', '--budget', '40', '--workers', '1', '--out', out, '--json'], o);
    expect(code).toBe(0);
    const s = JSON.parse(o.out) as { blocks: [number, number][]; shard: string };
    expect(s.shard).toBe('0/1');
    expect(s.blocks).toEqual([[0, s.blocks[0][1]]]);
    expect(s.blocks[0][1]).toBeGreaterThan(0);
  });
});
