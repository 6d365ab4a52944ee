/**
 * A small pool of worker threads (node:worker_threads) running blocks (src/search/blocks.ts).
 *
 * Results do not depend on the number of workers: a block is a pure function of its task, and the
 * callers aggregate by block index. With one worker the blocks run in this thread (no start-up
 * cost). A worker that dies (killed, out of memory) is replaced and its block retried once; a
 * block that fails twice is reported through `onError`. Under TypeScript sources (tsx, vitest)
 * workers load tsx's loader; compiled JavaScript needs nothing.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClaimSet } from './claims.js';
import { type CheckBlockResult, type Finding, type SearchBlockResult, runCheckBlock, runSearchBlock } from './blocks.js';

export interface PoolTask {
  kind: 'check' | 'search';
  address: string;
  seed: number;
  block: number;
  count: number;
  /** Search only: property evaluations allowed while shrinking one failure. */
  shrink?: number;
  /** Search only: epoch milliseconds after which the block stops (time-limited searches). */
  deadline?: number;
  /** Search only: work cap of the decimal matrix GD re-check (default MATRIX_WORK_CAP). */
  preciseCap?: number;
}

export interface PoolHandlers {
  onDone(task: PoolTask, result: CheckBlockResult | SearchBlockResult): void;
  onFinding?(task: PoolTask, finding: Finding): void;
  onError?(task: PoolTask, message: string): void;
  /** Polled between blocks: true stops dispatching (blocks in flight run to their end). */
  shouldStop?(): boolean;
  /** Aborting terminates the workers at once (blocks in flight are abandoned; findings already posted are kept). */
  signal?: AbortSignal;
  /** Use a worker thread even for one worker, so that `signal` can stop a long block at once. */
  threads?: boolean;
}

/** Run tasks from `next` (null: no more) on `workers` threads. */
export async function runTasks(next: () => PoolTask | null, workers: number, claims: ClaimSet, modules: string[], h: PoolHandlers): Promise<void> {
  if (workers <= 1 && !h.threads) {
    for (let task = next(); task !== null; task = next()) {
      if (h.shouldStop?.() || h.signal?.aborted) return;
      try {
        const ref = claims.get(task.address, 'claim');
        const t = task;
        const result = t.kind === 'check' ? runCheckBlock(ref, t.seed, t.block, t.count) : runSearchBlock(ref, t.seed, t.block, t.count, (f) => h.onFinding?.(t, f), t.shrink, t.deadline, t.preciseCap);
        h.onDone(task, result);
      } catch (e) {
        h.onError?.(task, (e as Error).message);
      }
      await new Promise((r) => setImmediate(r)); // let signals and timers in
    }
    return;
  }
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './worker.ts' : './worker.js', import.meta.url);
  // Under TypeScript sources, a bootstrap registers tsx in the worker before importing the entry.
  const tsxApi = ts ? pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href : '';
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  let startFailures = 0;
  let fatal: Error | null = null;
  let nextId = 0;
  let exhausted = false;
  const live = new Set<Worker>();
  await new Promise<void>((resolveAll) => {
    const maybeEnd = () => {
      if (live.size === 0) resolveAll();
    };
    const spawn = (retry: PoolTask | null) => {
      const w = ts ? new Worker(boot, { eval: true, workerData: { modules } }) : new Worker(url, { workerData: { modules } });
      let ready = false;
      live.add(w);
      let current: (PoolTask & { id: number; retried: boolean }) | null = null;
      let pendingRetry = retry;
      const feed = () => {
        let task: PoolTask | null = null;
        let retried = false;
        if (pendingRetry) {
          task = pendingRetry;
          retried = true;
          pendingRetry = null;
        } else if (!exhausted && !h.shouldStop?.()) {
          task = next();
          if (task === null) exhausted = true;
        }
        if (task === null) {
          current = null;
          live.delete(w);
          void w.terminate();
          maybeEnd();
          return;
        }
        current = { ...task, id: nextId++, retried };
        w.postMessage(current);
      };
      w.on('message', (m: { type: string; id?: number; result?: CheckBlockResult | SearchBlockResult; finding?: Finding; message?: string }) => {
        if (m.type === 'ready') {
          ready = true;
          return feed();
        }
        if (!current || m.id !== current.id) return;
        if (m.type === 'finding') h.onFinding?.(current, m.finding!);
        else if (m.type === 'done') {
          h.onDone(current, m.result!);
          feed();
        } else if (m.type === 'error') {
          h.onError?.(current, m.message!);
          feed();
        }
      });
      const died = (why: string) => {
        if (!live.has(w)) return;
        live.delete(w);
        const c = current;
        current = null;
        if (h.signal?.aborted) return;
        if (!ready && ++startFailures >= 2) {
          fatal ??= new Error(`worker threads cannot start: ${why}`);
          for (const x of [...live]) {
            live.delete(x);
            void x.terminate();
          }
          resolveAll();
          return;
        }
        if (c && !c.retried && !h.shouldStop?.()) {
          spawn({ kind: c.kind, address: c.address, seed: c.seed, block: c.block, count: c.count, shrink: c.shrink, deadline: c.deadline, preciseCap: c.preciseCap });
          return;
        }
        if (c) h.onError?.(c, `worker died: ${why}`);
        if (!exhausted && !h.shouldStop?.()) spawn(null);
        else maybeEnd();
      };
      w.on('error', (e) => died(e.message));
      w.on('exit', (code) => died(`exit code ${code}`));
    };
    h.signal?.addEventListener('abort', () => {
      for (const w of [...live]) {
        live.delete(w);
        void w.terminate();
      }
      resolveAll();
    });
    const first = Math.max(1, workers);
    for (let i = 0; i < first; i++) spawn(null);
  });
  for (const w of live) await w.terminate();
  if (fatal) throw fatal;
}
