/**
 * Users' own claims: the example module under examples/ (a published claim outside [MV] and [CGMR])
 * is checked, searched and replayed by the command line run from a directory outside the package.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/dmf-check');
const MODULE = resolve('examples/balancedness-claims.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('dmf-check on a user module (examples/balancedness-claims.js), from outside the package', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'dmf-user-'));
  it('check --theorems runs the claim and its control, and writes the report there', () => {
    const r = cli(['check', '--theorems', MODULE, '--theorem', 'dln.*', '--runs', '2', '--workers', '1', '--json'], cwd);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.theorems[0]).toMatchObject({ id: 'dln.balancedness', holds: 2, refuted: 0, margin: { name: 'drift slack' } });
    expect(j.theorems[0].controls[0]).toMatchObject({ name: 'sign-flipped', refuted: 2 });
  });
  it('search finds the control refuted, and replay reproduces it', () => {
    const s = cli(['search', '--theorems', MODULE, '--claim', 'dln.balancedness:sign-flipped', '--budget', '2', '--shrink', '2', '--workers', '1', '--out', 'found', '--json'], cwd);
    expect(s.code).toBe(0);
    const j = JSON.parse(s.out);
    expect(j.findings.length).toBeGreaterThan(0);
    expect(j.findings[0].kind).toBe('unconfirmed'); // no high-precision observation for user claims
    const r = cli(['replay', 'found', '--theorems', MODULE], cwd);
    expect(r.out).toMatch(/0 no longer reproduce, 0 malformed/);
    expect(r.code).toBe(0);
    const unknown = cli(['replay', 'found'], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/claim: unknown claim "dln\.balancedness:sign-flipped"/);
  });
  it('a module that exports no theorem is bad usage', () => {
    writeFileSync(join(cwd, 'empty.mjs'), 'export const x = 1;\n');
    const r = cli(['check', '--theorems', 'empty.mjs'], cwd);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(r.err).toMatch(/--theorems: "empty\.mjs" exports no Theorem objects/);
  });
});
