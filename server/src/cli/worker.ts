/**
 * A worker thread of the command-line tool: runs jobs from the pool, one at
 * a time, keeping one checker per configuration for as long as it lives.
 */
import { parentPort } from 'node:worker_threads';
import { CheckerCache, runJob, type Job, type JobResult } from './job';

const checkers = new CheckerCache();

parentPort?.on('message', (msg: { seq: number; job: Job }) => {
  let result: JobResult;
  try {
    result = runJob(msg.job, checkers);
  } catch (e) {
    result = { ok: false, message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
  parentPort!.postMessage({ seq: msg.seq, result });
});
