/**
 * `dmf-check` command line. Each command writes its result to standard output; errors are one line
 * on standard error: exit 2 for bad input (naming the field and the rule), 1 for a numerical failure
 * or an internal error. Set DMF_CHECK_DEBUG=1 to see stack traces of internal errors.
 */
import { InputError, NumericalError } from '../errors.js';
import { solve } from '../solve/index.js';
import { type CliIo, parseJson, readFileText, readStdin } from './io.js';

export type { CliIo } from './io.js';

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: () => readStdin(),
};

export const USAGE = `dmf-check — property-based checks of theory claims about gradient flow and descent on matrix factorization

Usage:
  dmf-check check [--runs N] [--seed S] [--theorem ID]… [--workers K] [--json] [--report DIR] …
                             check every theorem (and its negative controls) on N random instances;
                             --instance FILE checks one instance, --list lists claims (check --help)
  dmf-check search --claim ID [--budget N|--time S] [--shard i/n|auto] [--out DIR] …
                             hunt for counterexamples of a claim or CLAIM:CONTROL (search --help)
  dmf-check replay [DIR]     replay every counterexample fixture under DIR (default fixtures/counterexamples)
  dmf-check solve [FILE]     read a problem (JSON) from FILE or standard input, write the result (JSON)
  dmf-check demo             a short demonstration of the reference solvers
  dmf-check bench [--json]   closed-form evaluations per second (and numpy's, if python3 has it)
  dmf-check help             this text

The solve problem format is described in README.md ("The solve command").
`;

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'solve':
        return await solveCommand(rest, io);
      case 'check': {
        const { check } = await import('./check.js');
        return await check(rest, io);
      }
      case 'search': {
        const { search } = await import('./search.js');
        return await search(rest, io);
      }
      case 'replay': {
        const { replay } = await import('./replay.js');
        return await replay(rest, io);
      }
      case 'demo': {
        const { demo } = await import('./demo.js');
        io.stdout(demo());
        return 0;
      }
      case 'bench': {
        const { bench } = await import('./bench.js');
        return await bench(rest, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      default:
        throw new InputError('command', `unknown command ${JSON.stringify(cmd)} (commands: check, search, replay, solve, demo, bench, help)`);
    }
  } catch (e) {
    return reportError(e, io);
  }
}

async function solveCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 1) throw new InputError('arguments', 'solve takes at most one FILE');
  const text = args.length === 1 && args[0] !== '-' ? readFileText(args[0]) : await io.stdin();
  const result = solve(parseJson(text));
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
}

export function reportError(e: unknown, io: CliIo): number {
  if (e instanceof InputError) {
    io.stderr(`dmf-check: ${oneLine(e.message)}\n`);
    return 2;
  }
  if (e instanceof NumericalError) {
    const details = Object.keys(e.details).length ? ` ${JSON.stringify(e.details)}` : '';
    io.stderr(`dmf-check: ${oneLine(e.message)}${details}\n`);
    return 1;
  }
  const err = e as Error;
  io.stderr(`dmf-check: internal error: ${oneLine(err?.message ?? String(e))}\n`);
  if (process.env.DMF_CHECK_DEBUG === '1' && err?.stack) io.stderr(`${err.stack}\n`);
  return 1;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
