/** SIGINT: check summarises the claims completed so far and exits 130; search keeps every fixture it reported. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtureFiles } from '../src/fixtures/fixture.js';

const BIN = resolve('bin/dmf-check');

function runUntil(args: string[], cwd: string, trigger: RegExp, signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd });
    let out = '', err = '', sent = false;
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => {
      err += d;
      if (!sent && trigger.test(err)) {
        sent = true;
        p.kill(signal);
      }
    });
    p.on('close', (code) => done({ code, out, err }));
  });
}

describe('interrupts', () => {
  it('check: SIGINT prints the claims completed so far and exits 130', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dmf-int-'));
    const r = await runUntil(['check', '--runs', '120', '--theorem', 'mv.timeScale', '--theorem', 'mv.theorem4', '--workers', '1', '--fixtures', cwd], cwd, /mv\.timeScale done/);
    expect(r.code).toBe(130);
    expect(r.out).toMatch(/INTERRUPTED — 1 of 2 claims completed/);
    expect(r.out).toContain('mv.timeScale');
    expect(r.out).not.toMatch(/✗ mv\.theorem4|✓ mv\.theorem4/);
  });
  it('search: SIGTERM stops it; what it printed is on disk', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dmf-int-'));
    const r = await runUntil(['search', '--claim', 'mv.theorem3:widened-20%', '--time', '60', '--workers', '2', '--out', 'out', '--json'], cwd, /instances, [1-9]\d* found/, 'SIGTERM');
    expect(r.code).toBe(143);
    const s = JSON.parse(r.out);
    expect(s.stopped).toBe('interrupted');
    expect(s.findings.length).toBeGreaterThan(0);
    const files = listFixtureFiles(join(cwd, 'out')).map((p) => p.slice(cwd.length + 1));
    for (const f of s.findings) expect(files).toContain(f.path);
  });
  it('search over several claims: SIGINT during the second loses nothing; the summaries, the total and the claims not run are printed', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dmf-int-'));
    const r = await runUntil(['search', '--claim', 'mv.order:order-reversed', '--claim', 'mv.theorem3:widened-20%', '--claim', 'mv.timeScale:*', '--time', '40', '--workers', '1', '--out', 'out', '--json'], cwd, /mv\.theorem3:widened-20% \(2\/4\)[^]*instances, [1-9]\d* found/);
    expect(r.code).toBe(130);
    const s = JSON.parse(r.out);
    expect(s.claims.map((c: { claim: string }) => c.claim)).toEqual(['mv.order:order-reversed', 'mv.theorem3:widened-20%']);
    expect(s.claims[0].stopped).toBe('time');
    expect(s.claims[1].stopped).toBe('interrupted');
    expect(s.notRun).toEqual(['mv.timeScale:rate-sigma', 'mv.timeScale:rate-2(1+1e-3)']);
    expect(s.total.stopped).toBe('interrupted');
    const files = listFixtureFiles(join(cwd, 'out')).map((p) => p.slice(cwd.length + 1));
    const found = s.claims.flatMap((c: { findings: { path: string }[] }) => c.findings.map((f) => f.path));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(files).toContain(f);
  });
});
