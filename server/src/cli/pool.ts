/**
 * Running jobs on worker threads, one per core, with results handed back in
 * the order the jobs were submitted (so output is the same whatever the
 * timing). At most `maxInFlight` jobs are queued, running or waiting for an
 * earlier one to finish; `submit` waits for room, which holds the reader back
 * and keeps memory flat however many files there are.
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CheckerCache, runJob, type Job, type JobResult } from './job';

export interface Pool<M> {
  /** Queues a job; resolves once there is room for another. */
  submit(job: Job, meta: M, transfer?: ArrayBuffer[]): Promise<void>;
  /** Resolves when every submitted job has been delivered. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export type Deliver<M> = (meta: M, result: JobResult) => void;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Heap limits for a worker. The checker allocates a lot of short-lived
 * objects and V8 grows the young generation to match; left alone, two
 * workers' heaps reach ~130 MB each although what they keep alive is a few
 * megabytes (one slice). A 16 MB young generation keeps that near 60 MB with
 * no measurable loss of speed; the old-generation cap only stops a runaway
 * input (one enormous incident) from taking the machine down: the worker
 * fails that file and is replaced.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 512 };

interface Slot {
  worker: Worker;
  seq: number | null;
}

interface Pending<M> {
  seq: number;
  job: Job;
  meta: M;
  transfer?: ArrayBuffer[];
}

export class WorkerPool<M> implements Pool<M> {
  private slots: Slot[] = [];
  private queue: Pending<M>[] = [];
  private running = new Map<number, Pending<M>>();
  private finished = new Map<number, { meta: M; result: JobResult }>();
  private nextSeq = 0;
  private nextDeliver = 0;
  private waiters: (() => void)[] = [];
  private drainers: (() => void)[] = [];
  private closed = false;
  private crashes = 0;

  constructor(
    private readonly script: string,
    size: number,
    private readonly deliver: Deliver<M>,
    private readonly maxInFlight = Math.max(2, size * 2),
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn(size));
  }

  private spawn(size: number): Slot {
    const slot: Slot = { worker: new Worker(this.script, { resourceLimits: WORKER_LIMITS }), seq: null };
    slot.worker.on('message', (msg: { seq: number; result: JobResult }) => this.done(slot, msg.seq, msg.result));
    slot.worker.on('error', (e) => {
      // A crash in a worker is a bug; fail its job, replace the worker, carry on.
      // A worker that cannot even start would crash forever: after a few, fail what is left.
      const seq = slot.seq;
      const message = `internal error: ${e instanceof Error ? e.message : String(e)}`;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      if (!this.closed && ++this.crashes <= 3 * Math.max(1, size)) this.slots.push(this.spawn(size));
      if (seq !== null) this.finish(seq, { ok: false, message });
      if (!this.slots.length) for (const p of this.queue.splice(0)) { this.running.set(p.seq, p); this.finish(p.seq, { ok: false, message }); }
      this.pump();
    });
    return slot;
  }

  private get inFlight(): number {
    return this.nextSeq - this.nextDeliver;
  }

  async submit(job: Job, meta: M, transfer?: ArrayBuffer[]): Promise<void> {
    this.queue.push({ seq: this.nextSeq++, job, meta, transfer });
    this.pump();
    while (this.inFlight >= this.maxInFlight) await new Promise<void>((r) => this.waiters.push(r));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.seq !== null || !this.queue.length) continue;
      const p = this.queue.shift()!;
      slot.seq = p.seq;
      this.running.set(p.seq, p);
      slot.worker.postMessage({ seq: p.seq, job: p.job }, p.transfer ?? []);
    }
  }

  private done(slot: Slot, seq: number, result: JobResult): void {
    slot.seq = null;
    this.finish(seq, result);
    this.pump();
  }

  private finish(seq: number, result: JobResult): void {
    const p = this.running.get(seq);
    if (!p) return;
    this.running.delete(seq);
    this.finished.set(seq, { meta: p.meta, result });
    while (this.finished.has(this.nextDeliver)) {
      const r = this.finished.get(this.nextDeliver)!;
      this.finished.delete(this.nextDeliver);
      this.nextDeliver++;
      this.deliver(r.meta, r.result);
    }
    for (const w of this.waiters.splice(0)) w();
    if (this.inFlight === 0) for (const d of this.drainers.splice(0)) d();
  }

  drain(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((r) => this.drainers.push(r));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** The same contract on the calling thread (`--jobs 0`, and callers that cannot start workers). */
export class InlinePool<M> implements Pool<M> {
  private checkers = new CheckerCache();
  constructor(private readonly deliver: Deliver<M>) {}

  async submit(job: Job, meta: M): Promise<void> {
    let result: JobResult;
    try {
      result = runJob(job, this.checkers);
    } catch (e) {
      result = { ok: false, message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
    }
    this.deliver(meta, result);
    // Let timers (the progress bar) and I/O run between files.
    await new Promise((r) => setImmediate(r));
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}
