/** Worker-thread entry of the pool (src/search/pool.ts): runs blocks and posts results. */
import { parentPort, workerData } from 'node:worker_threads';
import { ClaimSet } from './claims.js';
import { runCheckBlock, runSearchBlock } from './blocks.js';
import type { PoolTask } from './pool.js';

const claims = await ClaimSet.load((workerData as { modules: string[] }).modules);
parentPort!.on('message', (task: PoolTask & { id: number }) => {
  try {
    const ref = claims.get(task.address, 'claim');
    const result = task.kind === 'check'
      ? runCheckBlock(ref, task.seed, task.block, task.count)
      : runSearchBlock(ref, task.seed, task.block, task.count, (finding) => parentPort!.postMessage({ type: 'finding', id: task.id, finding }), task.shrink, task.deadline, task.preciseCap);
    parentPort!.postMessage({ type: 'done', id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: task.id, message: (e as Error).message });
  }
});
parentPort!.postMessage({ type: 'ready' });
