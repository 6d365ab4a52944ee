/**
 * `dmf-check reproduce NAME|all [--out DIR]`: the papers' experiments (src/plot/reproduce.ts), with
 * figures (SVG, PNG), captions and data (CSV) under DIR/figures/NAME/ and the report page
 * DIR/index.html.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { writeFigure } from '../plot/figure.js';
import { REPRODUCTIONS, type ReproductionName, reproduce } from '../plot/reproduce.js';
import { writeReportPage } from '../report/html.js';
import { claimRows } from '../report/rows.js';
import type { CliIo } from './io.js';
import { argumentsError } from './args.js';

export const HELP = `Usage: dmf-check reproduce NAME|all [--out DIR] [--no-report]

NAME: ${REPRODUCTIONS.join(', ')}.
Writes DIR/figures/NAME/*.svg, *.png, *.csv (default DIR: report) and, unless --no-report,
the report page DIR/index.html (with the claims table when DIR/results.json exists).
`;

export async function reproduceCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, 'no-report': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw argumentsError('reproduce', e);
  }
  if (parsed.values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new InputError('NAME', `reproduce takes one NAME: ${REPRODUCTIONS.join(', ')} or all`);
  const which = parsed.positionals[0];
  const names: ReproductionName[] = which === 'all' ? [...REPRODUCTIONS] : REPRODUCTIONS.includes(which as ReproductionName) ? [which as ReproductionName] : [];
  if (names.length === 0) throw new InputError('NAME', `must be one of ${REPRODUCTIONS.join(', ')} or all`);
  const out = parsed.values.out ?? 'report';
  for (const n of names) {
    const start = performance.now();
    const r = reproduce(n);
    const dir = join(out, 'figures', n);
    mkdirSync(dir, { recursive: true });
    for (const f of r.figures) {
      await writeFigure(dir, f.name, f.spec);
      writeFileSync(join(dir, `${f.name}.caption.txt`), `${f.caption} Parameters: ${r.parameters}.\n`);
    }
    for (const d of r.data) writeFileSync(join(dir, d.name), d.csv);
    io.stdout(`${n}: ${r.figures.length} figure(s), ${r.data.length} data file(s) in ${dir} (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
  }
  if (!parsed.values['no-report']) io.stdout(`report: ${writeReportPage(out, claimRows)}\n`);
  return 0;
}
