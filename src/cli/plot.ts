/**
 * `dmf-check plot FILE [options]`: the figure of a `solve` problem (or of a saved `solve` result):
 * projections on the target's spectral pairs (or singular values) and the effective rank against
 * time or iteration, targets dashed, predicted intervals shaded (Theorem 3's I_k, the [CGMR]
 * certified interval, hitting times). Writes NAME.svg, NAME.png, NAME.csv into --out.
 */
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { figureOf, writeProblemFigure } from '../plot/figure.js';
import { argumentsError } from './args.js';
import { type CliIo, parseJson, readFileText } from './io.js';

export const HELP = `Usage: dmf-check plot FILE [options]     (FILE "-" reads standard input)

FILE holds a solve problem (README, "The solve command") or a saved solve result.
  --out DIR           output folder (default report/figures/plot)
  --name NAME         file stem (default: FILE's name)
  --quantity Q        projections (default) or singularValues
  --y-scale S         linear (default) or log (float64 noise below ε·n·σ₁ is clamped, and the figure says so)
  --points N          grid points replacing times/iterations (default 400; 0 keeps them)
  --epsilon E         ε of Theorem 3 / of the [CGMR] interval
  --rank R, --delta D the [CGMR] interval's r and δ
  -h, --help          this text
`;

function num(v: string | undefined, field: string, rule: (x: number) => boolean, text: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!rule(x)) throw new InputError(field, text);
  return x;
}

export async function plotCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        name: { type: 'string' },
        quantity: { type: 'string' },
        'y-scale': { type: 'string' },
        points: { type: 'string' },
        epsilon: { type: 'string' },
        rank: { type: 'string' },
        delta: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw argumentsError('plot', e);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new InputError('FILE', 'plot takes exactly one FILE (or "-" for standard input)');
  const file = parsed.positionals[0];
  const quantity = v.quantity ?? 'projections';
  if (quantity !== 'projections' && quantity !== 'singularValues') throw new InputError('--quantity', 'must be projections or singularValues');
  const yScale = v['y-scale'] ?? 'linear';
  if (yScale !== 'linear' && yScale !== 'log') throw new InputError('--y-scale', 'must be linear or log');
  const points = num(v.points, '--points', (x) => Number.isInteger(x) && x >= 0 && x <= 20000, 'must be an integer from 0 to 20000');
  const epsilon = num(v.epsilon, '--epsilon', (x) => x > 0 && Number.isFinite(x), 'must be a positive number');
  const rank = num(v.rank, '--rank', (x) => Number.isInteger(x) && x >= 1, 'must be a positive integer');
  const delta = num(v.delta, '--delta', (x) => x > 0 && Number.isFinite(x), 'must be a positive number');
  const text = file === '-' ? await io.stdin() : await readFileText(file);
  const input = parseJson(text);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InputError('input', 'must be a JSON object (a solve problem or a solve result)');
  const f = figureOf(input as Record<string, unknown>, { quantity, yScale, points, epsilon, rank, delta });
  const name = v.name ?? (file === '-' ? 'plot' : basename(file, extname(file)));
  if (!/^[\w.-]{1,100}$/.test(name)) throw new InputError('--name', 'must be 1–100 letters, digits, ".", "_" or "-"');
  const w = await writeProblemFigure(v.out ?? 'report/figures/plot', name, f);
  io.stdout(`${JSON.stringify({ ...w, notes: f.annotations.notes, clampedBelow: f.clamped })}\n`);
  return 0;
}
