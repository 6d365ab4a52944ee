/** `dmf-check search --record FILE`: one given instance kept as a fixture, re-checked in high precision. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monotoneErankKnownCounterexample as known } from '../../theorems/cgmr/monotoneErank.js';
import { knownCounterexamples } from '../fixtures/replay.js';
import { ClaimSet } from '../search/claims.js';
import { main } from './main.js';

function io(stdin: string) {
  const o = { out: '', err: '', stdout: (s: string) => void (o.out += s), stderr: (s: string) => void (o.err += s), stdin: async () => stdin };
  return o;
}

describe('search --record', () => {
  it('keeps a refuted instance as a confirmed, explained counterexample that check then knows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-record-'));
    const x = io(JSON.stringify(known.instance));
    expect(await main(['search', '--claim', known.claim, '--record', '-', '--explanation', 'why it fails', '--out', dir], x)).toBe(0);
    const r = JSON.parse(x.out);
    expect(r).toMatchObject({ written: true, kind: 'counterexample', precise: 'refuted' });
    const f = JSON.parse(readFileSync(r.path, 'utf8'));
    expect(f.explanation).toBe('why it fails');
    expect(f.precise.method).toMatch(/decimal scalar recursion/);
    expect(knownCounterexamples(dir, new ClaimSet()).get(known.claim)).toEqual([r.path]);
    // Recording it again writes nothing new (same canonical hash).
    const y = io(JSON.stringify(known.instance));
    expect(await main(['search', '--claim', known.claim, '--record', '-', '--out', dir], y)).toBe(0);
    expect(JSON.parse(y.out).written).toBe(false);
  });
  it('refuses an instance on which the claim holds (exit 1) and a malformed one (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-record-'));
    const holds = { ...known.instance, alpha: 1e-3 };
    const x = io(JSON.stringify(holds));
    expect(await main(['search', '--claim', 'cgmr.monotoneErank', '--record', '-', '--out', dir], x)).toBe(1);
    expect(x.err).toMatch(/holds on this instance/);
    const y = io('{"eigenvalues": "x"}');
    expect(await main(['search', '--claim', 'cgmr.monotoneErank', '--record', '-', '--out', dir], y)).toBe(2);
    expect(y.err.split('\n').length).toBe(2);
    const z = io('{}');
    expect(await main(['search', '--claim', 'cgmr.monotoneErank', '--explanation', 'x'], z)).toBe(2);
    expect(z.err).toMatch(/--explanation: goes with --record FILE/);
  });
});
