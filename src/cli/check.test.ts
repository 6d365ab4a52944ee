import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEOREMS } from '../../theorems/registry.js';
import type { Theorem } from '../../theorems/types.js';
import { check, checkOk, summarize } from './check.js';
import type { CliIo } from './io.js';

function io(): CliIo & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (s: string) => void (o.out += s), stderr: (s: string) => void (o.err += s), stdin: async () => '' };
  return o;
}

describe('dmf-check check', () => {
  it('runs every registered theorem and its negative controls, with a summary table', async () => {
    const x = io();
    expect(await check(['--runs', '12', '--seed', '5'], x, true)).toBe(0);
    for (const t of THEOREMS) expect(x.out).toContain(t.id);
    expect(x.out).toMatch(/All claims hold/);
    expect(x.err).toContain(`${THEOREMS.length * 12}/${THEOREMS.length * 12}`);
  });
  it('--json gives the summaries; --theorem selects one', async () => {
    const x = io();
    expect(await check(['--runs', '2', '--theorem', 'mv.theorem3', '--json'], x, false)).toBe(0);
    const r = JSON.parse(x.out);
    expect(r.theorems.length).toBe(1);
    expect(r.theorems[0]).toMatchObject({ id: 'mv.theorem3', instances: 2, holds: 2, refuted: 0 });
    expect(r.theorems[0].controls.every((c: { refutedAfter: number | null }) => c.refutedAfter !== null)).toBe(true);
    expect(x.err).toBe('');
  });
  it('rejects unknown options and theorem ids', async () => {
    await expect(check(['--frobnicate'], io())).rejects.toThrow(/^arguments: unknown check option "--frobnicate"/);
    await expect(check(['--theorem', 'mv.nope'], io())).rejects.toThrow(/^--theorem: must be one of mv\./);
    await expect(check(['--runs', '0'], io())).rejects.toThrow(/^--runs: must be a positive integer/);
  });
  it('reports a refuted claim and an unrefuted control as failures (exit 1)', async () => {
    const base = THEOREMS[0];
    const alwaysFalse: Theorem<unknown, unknown, unknown> = {
      ...base,
      id: 'test.false',
      verdict: () => ({ holds: false, margin: -1, certified: true, worst: {}, details: {} }),
      negativeControls: [{ name: 'never', kind: 'gross', description: 'a control that always holds', theorem: { ...base, id: 'test.true', verdict: () => ({ holds: true, margin: 1, certified: true, worst: {}, details: {} }) } }],
      arbitrary: () => fc.constant(fc.sample(base.arbitrary(), { seed: 1, numRuns: 1 })[0]),
    };
    const s = summarize(alwaysFalse, 2, 1);
    expect(s.refuted).toBe(2);
    expect(s.controls[0].refutedAfter).toBeNull();
    expect(checkOk(s)).toBe(false);
  });
});
