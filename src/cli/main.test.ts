import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../errors.js';
import { type CliIo, main, reportError, usage } from './main.js';

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
    [['solve', 'a', 'b'], '', /^dmf-check: arguments: solve takes at most 1 operand; unexpected "b"/],
    [['solve', '--frob'], '', /^dmf-check: arguments: solve: Unknown option '--frob' \(see dmf-check solve --help\)/],
    [['demo', 'x'], '', /^dmf-check: arguments: demo takes no operands; unexpected "x"/],
    [['--frob'], '', /^dmf-check: command: unknown option "--frob"/],
    [['--version', 'x'], '', /^dmf-check: arguments: --version takes no arguments/],
    [['help', 'frob'], '', /^dmf-check: command: unknown command "frob"/],
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
    for (const args of [[], ['help'], ['--help'], ['-h']]) {
      const io = fakeIo();
      expect(await main(args, io)).toBe(0);
      expect(io.out).toBe(usage());
      expect(io.out).toMatch(/dmf-check check \[--runs N\]/);
    }
  });
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const args of [['--version'], ['version']]) {
      const io = fakeIo();
      expect(await main(args, io)).toBe(0);
      expect(io.out).toBe(`${version}\n`);
    }
  });
  it('every command answers --help and -h (before reading any input), and help COMMAND', async () => {
    for (const cmd of ['check', 'solve', 'demo', 'bench']) {
      for (const args of [[cmd, '--help'], [cmd, '-h'], ['help', cmd]]) {
        const io = fakeIo('never read');
        expect(await main(args, io)).toBe(0);
        expect(io.out).toMatch(new RegExp(`^Usage: dmf-check ${cmd}`));
        expect(io.err).toBe('');
      }
    }
    const io = fakeIo();
    expect(await main(['check', '--runs', '3', '--help'], io)).toBe(0);
    expect(io.out).toMatch(/^Usage: dmf-check check/);
  });
  it('solve output carries the package version', async () => {
    const io = fakeIo(problem);
    expect(await main(['solve'], io)).toBe(0);
    expect(JSON.parse(io.out).diagnostics.version).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('solve accepts a UTF-8 byte-order mark in a FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-'));
    const f = join(dir, 'bom.json');
    writeFileSync(f, `\ufeff${problem}`);
    const io = fakeIo();
    expect(await main(['solve', f], io)).toBe(0);
    expect(JSON.parse(io.out).snapshots.length).toBe(2);
  });
  it('demo runs the solvers and shows incremental learning', async () => {
    const io = fakeIo();
    expect(await main(['demo'], io)).toBe(0);
    expect(io.out).toMatch(/Half-height times/);
    expect(io.out).toMatch(/λ1 = 4:\s+t½ = 2\.\d+/);
  });
  it('error lines are one printable line under 300 characters, whatever the input echoed', async () => {
    const p = JSON.parse(problem) as Record<string, unknown>;
    p[`\u001b[31mred\u0000\r\u2028\u2029\u202e\u009b${'x'.repeat(100_000)}`] = 1;
    const io = fakeIo(JSON.stringify(p));
    expect(await main(['solve'], io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err.endsWith('\n')).toBe(true);
    const line = io.err.slice(0, -1);
    expect(line.length).toBeLessThan(300);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    expect(line).toMatch(/^dmf-check: \\u001b\[31mred\\u0000\\r\\u2028\\u2029\\u202e\\u009bx+ … \(100\d+ characters, cut\)$/);
    for (const e of [new Error(`a\u0007${'y'.repeat(5000)}`), new NumericalError('diverged', { tail: 'z'.repeat(5000) }), 'thrown string']) {
      const io2 = fakeIo();
      expect(reportError(e, io2)).toBe(1);
      expect(io2.err.split('\n').length).toBe(2);
      expect(io2.err.length).toBeLessThanOrEqual(300);
      expect(io2.err).not.toMatch(/\u0007/);
    }
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
  it('answers --version and --help', () => {
    expect(execFileSync(BIN, ['--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect(execFileSync(BIN, ['solve', '--help'], { encoding: 'utf8' })).toMatch(/^Usage: dmf-check solve \[--jsonl\] \[--max-seconds S\] \[FILE\]/);
  });
  it('an endless FILE (/dev/zero) ends at once with exit 2 naming the input limit', () => {
    const r = spawnSync(BIN, ['solve', '/dev/zero'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dmf-check: FILE: is larger than the input limit of 64 MiB\n');
  });
  it('a closed standard output ends quietly (EPIPE)', () => {
    const big = JSON.stringify({ ...JSON.parse(problem), times: Array.from({ length: 20_000 }, (_, i) => i / 100) });
    const r = spawnSync('sh', ['-c', `"${BIN}" solve | head -c 10 > /dev/null`], { input: big, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
  it('before the build, says in one line what to run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-nobuild-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin', 'dmf-check'));
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'dmf-check'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dmf-check: not installed or not built \(.*\): run "npm install" in .*\n$/);
    expect(r.stderr.split('\n').length).toBe(2);
  });
});

describe('solve --max-seconds and progress', () => {
  const cap = () => {
    const x = { out: '', err: '', stdout: (s: string) => void (x.out += s), stderr: (s: string) => void (x.err += s), stdin: async () => '' };
    return x;
  };
  const longGd = JSON.stringify({ model: 'deep', method: 'gd', depth: 3, target: [[1, 0], [0, 2]], init: { kind: 'identity', scale: 0.1 }, stepSize: 0.01, iterations: [20_000_000] });
  it('stops a gradient-descent run past the budget with exit 1 and one line naming it', async () => {
    const x = cap();
    x.stdin = async () => longGd;
    expect(await main(['solve', '--max-seconds', '0.3'], x)).toBe(1);
    expect(x.out).toBe('');
    expect(x.err).toMatch(/^dmf-check: time budget of 0.3 s \(maxSeconds\) exceeded while running gradient descent\n$/);
  });
  it('rejects a budget that is not a positive number (exit 2)', async () => {
    for (const v of ['0', '-1', 'abc']) {
      const x = cap();
      expect(await main(['solve', `--max-seconds=${v}`], x)).toBe(2);
      expect(x.err).toMatch(/^dmf-check: --max-seconds: must be a number of seconds > 0\n$/);
    }
  });
});
