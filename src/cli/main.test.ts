import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../errors.js';
import { type CliIo, USAGE, main, reportError } from './main.js';

function fakeIo(stdin = ''): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    stdin: async () => stdin,
  };
  return io;
}

const problem = JSON.stringify({ model: 'symmetric', method: 'closed-form', target: [[1, 0], [0, 2]], init: { factor: [[0.1], [0.1]] }, times: [0, 1] });

describe('dmf-check (in process)', () => {
  it('solve reads standard input and writes one JSON document', async () => {
    const io = fakeIo(problem);
    expect(await main(['solve'], io)).toBe(0);
    const r = JSON.parse(io.out);
    expect(r.snapshots.length).toBe(2);
    expect(io.err).toBe('');
    expect(await main(['solve', '-'], fakeIo(problem))).toBe(0);
  });
  it('solve reads a FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-'));
    const f = join(dir, 'p.json');
    writeFileSync(f, problem);
    const io = fakeIo();
    expect(await main(['solve', f], io)).toBe(0);
    expect(JSON.parse(io.out).diagnostics.model).toBe('symmetric');
  });
  const bad: [string[], string, RegExp][] = [
    [['solve'], '{"model":', /^dmf-check: input: must be valid JSON \(/],
    [['solve'], '   ', /^dmf-check: input: is empty: expected a JSON problem/],
    [['solve', '/nonexistent/p.json'], '', /^dmf-check: FILE: cannot read "\/nonexistent\/p.json" \(ENOENT\)/],
    [['solve', 'a', 'b'], '', /^dmf-check: arguments: solve takes at most one FILE/],
    [['solve'], '{"model":"symmetric"}', /^dmf-check: method: is required/],
    [['frobnicate'], '', /^dmf-check: command: unknown command "frobnicate"/],
  ];
  for (const [args, stdin, re] of bad) {
    it(`exits 2 with one line for ${args.join(' ')} ${stdin.slice(0, 20)}`, async () => {
      const io = fakeIo(stdin);
      expect(await main(args, io)).toBe(2);
      expect(io.out).toBe('');
      expect(io.err).toMatch(re);
      expect(io.err.trim().split('\n').length).toBe(1);
    });
  }
  it('help and no command print the usage', async () => {
    for (const args of [[], ['help'], ['--help']]) {
      const io = fakeIo();
      expect(await main(args, io)).toBe(0);
      expect(io.out).toBe(USAGE);
    }
  });
  it('demo runs the solvers and shows incremental learning', async () => {
    const io = fakeIo();
    expect(await main(['demo'], io)).toBe(0);
    expect(io.out).toMatch(/Half-height times/);
    expect(io.out).toMatch(/λ1 = 4:\s+t½ = 2\.\d+/);
  });
  it('reports numerical and internal errors on one line with exit 1', () => {
    const io = fakeIo();
    expect(reportError(new NumericalError('diverged at step 3', { iteration: 3 }), io)).toBe(1);
    expect(io.err).toBe('dmf-check: diverged at step 3 {"iteration":3}\n');
    const io2 = fakeIo();
    expect(reportError(new Error('boom\nsecond line'), io2)).toBe(1);
    expect(io2.err).toBe('dmf-check: internal error: boom second line\n');
  });
});

const BIN = fileURLToPath(new URL('../../bin/dmf-check', import.meta.url));

describe('bin/dmf-check (a real process)', () => {
  it('solves from standard input', () => {
    const out = execFileSync(BIN, ['solve'], { input: problem, encoding: 'utf8' });
    expect(JSON.parse(out).snapshots[1].time).toBe(1);
  });
  it('exits 2 on bad input with one line on stderr and nothing on stdout', () => {
    const r = spawnSync(BIN, ['solve'], { input: '{"model":"symmetric","method":"closed-form","target":[[1,2],[3,4]],"init":{"factor":[[1],[1]]},"times":[1]}', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dmf-check: target: must be symmetric to 1e-12 relative/);
    expect(r.stderr.trim().split('\n').length).toBe(1);
  });
});
