/**
 * `dmf-check` command line. Each command writes its result to standard output; errors are one
 * printable line on standard error (control characters escaped, under 300 characters): exit 2 for
 * bad input (naming the field and the rule), 1 for a numerical failure or an internal error. Set
 * DMF_CHECK_DEBUG=1 to see stack traces of internal errors.
 *
 * Conventions for every command: options parsed by `node:util.parseArgs` (`--opt value` and
 * `--opt=value`), `--help`/`-h`, `dmf-check --version`. Commands are loaded only when run, so that
 * `--version` and `--help` start fast.
 */
import { InputError, NumericalError } from '../errors.js';
import { packageVersion } from '../version.js';
import type { Progress } from '../solve/limits.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, MAX_INPUT_BYTES, parseJson, readFileText, readStdin, terminalLine } from './io.js';

export type { CliIo } from './io.js';

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: () => readStdin(),
};

/** A command: its synopsis and summary (for the usage), and how to run it. */
interface Command {
  synopsis: string;
  summary: string;
  /**
   * Loads the command: its entry point and, when its module exports one, its full help text
   * (`export const HELP`). Without it, `dmf-check CMD --help` prints the synopsis and summary.
   */
  load: () => Promise<{ run: (args: string[], io: CliIo) => Promise<number>; help?: string | undefined }>;
  /** Commands that answer `--help` themselves (others are answered by the dispatcher). */
  ownHelp?: boolean;
}

/** The `HELP` text a command module may export. */
function moduleHelp(m: object): string | undefined {
  const h = (m as { HELP?: unknown }).HELP;
  return typeof h === 'string' ? h : undefined;
}

const SOLVE_HELP = `Usage: dmf-check solve [--jsonl] [--max-seconds S] [FILE]

Reads one problem (a JSON object) from FILE, or from standard input when FILE is absent or "-", and
writes one result (a JSON object, one line) to standard output. The problem format is described in
README.md ("The solve command"). Input is limited to ${MAX_INPUT_BYTES / 2 ** 20} MiB of UTF-8 JSON (a byte-order
mark is accepted). The result's diagnostics.version is the version of dmf-check that computed it.

Exit status: 0 success; 2 bad input (one line naming the field and the rule); 1 numerical failure.

Options:
  --max-seconds S  stop with exit 1 and one line when the solve takes longer than S seconds
                   (the problem's own "maxSeconds" field does the same; the smaller wins)
  --jsonl          JSON Lines: one {"type": "snapshot"} object per line as the run goes, then one
                   {"type": "result"} line with hitting times and diagnostics (README, "Streaming")
  -h, --help       this text

On a terminal, a solve that takes more than a second shows its progress on standard error.
`;

const DEMO_HELP = `Usage: dmf-check demo

A short demonstration of the reference solvers: incremental learning on a 4×4 target, by the closed
form and, independently, by ODE integration.

Options:
  -h, --help   this text
`;

/**
 * The commands. A command whose module exports `HELP` gets that text for `--help`; the dispatcher
 * answers `dmf-check CMD --help` for every command, so each command only parses its own options.
 */
const COMMANDS: Record<string, Command> = {
  check: {
    synopsis: 'check [--runs N] [--seed S] [--theorem ID]… [--workers K] [--json] [--report DIR] …',
    summary: 'check every claim and its negative controls on N random instances (--instance FILE: one instance)',
    load: async () => {
      const m = await import('./check.js');
      return { run: (a, io) => m.check(a, io), help: m.CHECK_HELP };
    },
  },
  search: {
    synopsis: 'search --claim ID|CLAIM:CONTROL [--budget N|--time S] [--shard i/n|auto] [--out DIR] …',
    summary: 'hunt for counterexamples, re-checked in high precision and kept as fixtures',
    load: async () => {
      const m = await import('./search.js');
      return { run: (a, io) => m.search(a, io), help: m.SEARCH_HELP };
    },
  },
  replay: {
    synopsis: 'replay [DIR]',
    summary: 'replay every counterexample fixture under DIR (default fixtures/counterexamples)',
    load: async () => {
      const m = await import('./replay.js');
      return { run: m.replay, help: m.REPLAY_HELP };
    },
  },
  solve: {
    synopsis: 'solve [--jsonl] [--max-seconds S] [FILE]',
    summary: 'read a problem (JSON) from FILE or standard input, write the result (JSON)',
    load: async () => ({ run: solveCommand, help: SOLVE_HELP }),
    ownHelp: true,
  },
  plot: {
    synopsis: 'plot FILE [options]',
    summary: 'figures (SVG, PNG, CSV) of a solve problem, predicted intervals shaded',
    load: async () => {
      const m = await import('./plot.js');
      return { run: m.plotCommand, help: m.HELP };
    },
  },
  reproduce: {
    synopsis: 'reproduce NAME|all [--out DIR]',
    summary: "the papers' figures (mv-figure1, cgmr-rank, cgmr-sensing, cgmr-random) and the report page",
    load: async () => {
      const m = await import('./reproduce.js');
      return { run: m.reproduceCommand, help: m.HELP };
    },
  },
  demo: {
    synopsis: 'demo',
    summary: 'a short demonstration of the reference solvers',
    load: async () => ({ run: demoCommand, help: DEMO_HELP }),
    ownHelp: true,
  },
  bench: {
    synopsis: 'bench [--json] [--quick]',
    summary: "closed-form evaluations per second (and numpy's, if python3 has it)",
    load: async () => {
      const m = await import('./bench.js');
      return { run: m.bench, help: moduleHelp(m) };
    },
  },
};

/** The usage text (all commands). */
export function usage(): string {
  const lines = Object.values(COMMANDS).flatMap((c) => {
    const head = `  dmf-check ${c.synopsis}`;
    return head.length < 29 ? [`${head.padEnd(29)}${c.summary}`] : [head, `${' '.repeat(29)}${c.summary}`];
  });
  return `dmf-check ${packageVersion()} — property-based checks of theory claims about gradient flow and descent on matrix factorization

Usage:
${lines.join('\n')}
  dmf-check help [COMMAND]     this text, or a command's help (also: dmf-check COMMAND --help)
  dmf-check --version          the version

Exit status: 0 success, 1 a claim failed or a numerical failure, 2 bad input or arguments.
The solve problem format is described in README.md ("The solve command").
`;
}

async function commandHelp(c: Command): Promise<string> {
  return (await c.load()).help ?? `Usage: dmf-check ${c.synopsis}\n\n${c.summary}.\n\nOptions:\n  -h, --help   this text\n`;
}

/** `--help` or `-h` among the arguments (before a `--` terminator). */
function wantsHelp(args: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === '--version' || cmd === 'version') {
      if (rest.length) throw new InputError('arguments', `${cmd} takes no arguments`);
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      const topic = rest[0];
      if (topic === undefined || cmd !== 'help') {
        io.stdout(usage());
        return 0;
      }
      const c = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
      if (!c) throw unknownCommand(topic);
      io.stdout(await commandHelp(c));
      return 0;
    }
    const c = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
    if (!c) throw unknownCommand(cmd);
    if (!c.ownHelp && wantsHelp(rest)) {
      io.stdout(await commandHelp(c));
      return 0;
    }
    return await (await c.load()).run(rest, io);
  } catch (e) {
    return reportError(e, io);
  }
}

function unknownCommand(cmd: string): InputError {
  const hint = cmd.startsWith('-') ? 'unknown option' : 'unknown command';
  return new InputError('command', `${hint} ${JSON.stringify(cmd)} (commands: ${Object.keys(COMMANDS).join(', ')}, help; see dmf-check --help)`);
}

async function solveCommand(args: string[], io: CliIo, isTty = Boolean(process.stderr.isTTY)): Promise<number> {
  const a = parseCommandArgs('solve', args, { jsonl: { type: 'boolean' }, 'max-seconds': { type: 'string' } }, 1);
  if (a.help) {
    io.stdout(SOLVE_HELP);
    return 0;
  }
  const ms = a.values['max-seconds'];
  const maxSeconds = ms === undefined ? undefined : Number(ms);
  if (maxSeconds !== undefined && !(maxSeconds > 0)) throw new InputError('--max-seconds', 'must be a number of seconds > 0');
  const file = a.positionals[0];
  const text = file !== undefined && file !== '-' ? await readFileText(file) : await io.stdin();
  const problem = parseJson(text);
  // Progress of long solves on a terminal (standard error), erased before the result is written.
  let shown = false;
  const onProgress = isTty
    ? (p: Progress) => {
        shown = true;
        io.stderr(`\r\x1b[Kdmf-check solve: ${p.phase} ${p.done}${p.total === undefined ? '' : `/${p.total}`} (${p.seconds.toFixed(1)} s)`);
      }
    : undefined;
  const clear = () => {
    if (shown) io.stderr('\r\x1b[K');
    shown = false;
  };
  const options = { ...(maxSeconds === undefined ? {} : { maxSeconds }), ...(onProgress ? { onProgress } : {}) };
  if (a.values['jsonl'] === true) {
    // JSON Lines: snapshots as the run goes, then the result line (with the version).
    const { solveStream } = await import('../solve/stream.js');
    try {
      solveStream(
        problem,
        (line) => {
          clear();
          if (!line.startsWith('{"type":"result"')) return io.stdout(`${line}\n`);
          const r = JSON.parse(line) as { diagnostics: Record<string, unknown> };
          r.diagnostics['version'] = packageVersion();
          io.stdout(`${JSON.stringify(r)}\n`);
        },
        options,
      );
    } finally {
      clear();
    }
    return 0;
  }
  const { solve } = await import('../solve/index.js');
  let result;
  try {
    result = solve(problem, options);
  } finally {
    clear();
  }
  result.diagnostics['version'] = packageVersion();
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
}

async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const a = parseCommandArgs('demo', args, {}, 0);
  if (a.help) {
    io.stdout(DEMO_HELP);
    return 0;
  }
  const { demo } = await import('./demo.js');
  io.stdout(demo());
  return 0;
}

/**
 * Prints an error as one line a terminal can trust (see {@link terminalLine}) and returns the exit
 * status: 2 for an {@link InputError}, 1 otherwise. Every command's errors come through here.
 */
export function reportError(e: unknown, io: CliIo): number {
  const line = (s: string) => io.stderr(`${terminalLine(`dmf-check: ${oneLine(s)}`)}\n`);
  if (e instanceof InputError) {
    line(e.message);
    return 2;
  }
  if (e instanceof NumericalError) {
    const details = Object.keys(e.details).length ? ` ${safeJson(e.details)}` : '';
    line(`${e.message}${details}`);
    return 1;
  }
  const err = e as Error | undefined;
  line(`internal error: ${typeof err?.message === 'string' ? err.message : String(e)}`);
  if (process.env['DMF_CHECK_DEBUG'] === '1' && err?.stack) io.stderr(`${err.stack}\n`);
  return 1;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** Joins a multi-line message into one line (the line breaks of echoed input are escaped later). */
function oneLine(s: string): string {
  return s.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}
