/**
 * Streaming form of `solve` (JSON Lines): one JSON object per line, written as the run goes, so a long
 * gradient-descent run keeps no snapshot in memory and a plotting tool can read it as it grows.
 *
 *   {"type": "snapshot", "indices": [i, …], "snapshot": S}   S = the result's snapshots[i] for each i
 *                                                            (indices [] for the stopLoss iterate)
 *   {"type": "light", "snapshot": L}                         one light snapshot (lightEvery)
 *   {"type": "result", "hitting": …, "diagnostics": …, …}    last line: the result without its
 *                                                            snapshots and lightSnapshots
 *
 * `assembleStream` turns the lines back into the result `solve` returns (the stream is compatible
 * with the one-object output). Flow methods compute their result first, then write it as lines.
 */
import type { Snapshot, SolveResult } from '../types.js';
import { type SolveOptions, solveWith } from './index.js';

export function solveStream(problem: unknown, onLine: (line: string) => void, options: SolveOptions = {}): void {
  const r = solveWith(
    problem,
    {
      onSnapshot: (snapshot, indices) => onLine(JSON.stringify({ type: 'snapshot', indices, snapshot })),
      onLight: (snapshot) => onLine(JSON.stringify({ type: 'light', snapshot })),
    },
    options,
  );
  const { snapshots, lightSnapshots, ...rest } = r;
  snapshots.forEach((snapshot, i) => onLine(JSON.stringify({ type: 'snapshot', indices: [i], snapshot })));
  (lightSnapshots ?? []).forEach((snapshot) => onLine(JSON.stringify({ type: 'light', snapshot })));
  onLine(JSON.stringify({ type: 'result', ...rest }));
}

/** The result `solve` returns, from the lines of `solveStream`. */
export function assembleStream(lines: readonly string[]): SolveResult {
  const snapshots: Snapshot[] = [];
  const light: SolveResult['lightSnapshots'] = [];
  let rest: Omit<SolveResult, 'snapshots'> | null = null;
  for (const line of lines) {
    const o = JSON.parse(line) as { type: string; indices?: number[]; snapshot?: Snapshot } & Record<string, unknown>;
    if (o.type === 'snapshot') {
      if (o.indices!.length === 0) snapshots.push(o.snapshot!);
      for (const i of o.indices!) snapshots[i] = o.snapshot!;
    } else if (o.type === 'light') light.push(o.snapshot!);
    else {
      const { type: _t, ...r } = o;
      rest = r as unknown as Omit<SolveResult, 'snapshots'>;
    }
  }
  const out: SolveResult = { snapshots: snapshots.filter((s) => s !== undefined), ...rest! };
  if (light.length) out.lightSnapshots = light;
  return out;
}
