import type { Logger } from '../../logger';
import type { QueueDepth } from '../../metrics';
import { MemoryChannelStore } from './channelStore';
import {
  DeadLetter,
  JOB_ID_MEMORY_SECONDS,
  PermanentFailure,
  Processor,
  QueueJob,
  QueueOptions,
  safeJobId,
  shardOf,
  ShardedQueue,
} from './shardedQueue';

/** Dead letters kept in memory (the oldest are dropped past this). */
const MAX_DEAD_LETTERS = 1000;

interface Entry<T> {
  id: string;
  data: T;
  attempt: number;
}

/**
 * The same queue in one process, for a laptop without Redis: shards run their jobs one at a time, in order, after
 * the webhook has answered. Nothing survives a restart (the README says so); everything else behaves as on BullMQ.
 */
export class MemoryShardedQueue<T> implements ShardedQueue<T> {
  readonly name: string;
  private readonly shards: Entry<T>[][];
  private readonly busy: boolean[];
  private readonly seen = new MemoryChannelStore();
  private readonly dead: DeadLetter<T>[] = [];
  private processor?: Processor<T>;
  private closing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    name: string,
    private readonly options: QueueOptions,
    private readonly logger: Logger,
  ) {
    this.name = name;
    this.shards = Array.from({ length: options.shards }, () => []);
    this.busy = this.shards.map(() => false);
  }

  async add(key: string, jobs: QueueJob<T>[]): Promise<void> {
    if (this.closing) throw new Error(`queue ${this.name} is closed`);
    const shard = shardOf(key, this.shards.length);
    for (const { id, data } of jobs) {
      if (!(await this.seen.claim(id, JOB_ID_MEMORY_SECONDS))) continue;
      this.shards[shard].push({ id: safeJobId(id), data, attempt: 1 });
    }
    this.pump(shard);
  }

  async process(processor: Processor<T>): Promise<void> {
    this.processor = processor;
    this.shards.forEach((_, shard) => this.pump(shard));
  }

  async deadLetters(limit = 100): Promise<DeadLetter<T>[]> {
    return [...this.dead].sort((a, b) => b.failedAt - a.failedAt).slice(0, limit);
  }

  async retry(id: string): Promise<boolean> {
    const index = this.dead.findIndex((letter) => letter.id === id);
    if (index < 0) return false;
    const [letter] = this.dead.splice(index, 1);
    const shard = Number(letter.queue.slice(this.name.length + 1));
    this.shards[shard].push({ id: letter.id, data: letter.data, attempt: 1 });
    this.pump(shard);
    return true;
  }

  async pending(): Promise<number> {
    return this.shards.reduce((sum, jobs, shard) => sum + jobs.length + (this.busy[shard] ? 1 : 0), 0);
  }

  async depths(): Promise<QueueDepth[]> {
    return this.shards.map((jobs, shard) => ({
      queue: `${this.name}-${shard}`,
      waiting: jobs.length,
      active: this.busy[shard] ? 1 : 0,
      delayed: 0,
      failed: this.dead.filter((letter) => letter.queue === `${this.name}-${shard}`).length,
    }));
  }

  /** Refuses new jobs and resolves once the queued ones ran (a job that fails now is not retried). */
  async close(): Promise<void> {
    this.closing = true;
    if (this.busy.some(Boolean)) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs the shard's jobs one after the other; a later add or a close finds it running or idle. */
  private pump(shard: number): void {
    if (this.busy[shard] || !this.processor) return;
    const entry = this.shards[shard].shift();
    if (!entry) {
      if (!this.busy.some(Boolean)) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      return;
    }
    this.busy[shard] = true;
    setImmediate(() => {
      void this.runEntry(shard, entry).finally(() => {
        this.busy[shard] = false;
        this.pump(shard);
      });
    });
  }

  private async runEntry(shard: number, entry: Entry<T>): Promise<void> {
    const processor = this.processor as Processor<T>;
    for (;;) {
      try {
        await processor(entry.data, { id: entry.id, attempt: entry.attempt });
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof PermanentFailure || entry.attempt >= this.options.attempts || this.closing) {
          this.bury(shard, entry, reason);
          return;
        }
        this.logger.warn({ queue: this.name, jobId: entry.id, attempt: entry.attempt, err: reason }, 'queue: job failed; it will run again');
        await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs * 2 ** (entry.attempt - 1)));
        entry.attempt += 1;
      }
    }
  }

  private bury(shard: number, entry: Entry<T>, reason: string): void {
    this.dead.push({ id: entry.id, queue: `${this.name}-${shard}`, data: entry.data, reason, failedAt: Date.now(), attempts: entry.attempt });
    if (this.dead.length > MAX_DEAD_LETTERS) this.dead.shift();
  }
}
