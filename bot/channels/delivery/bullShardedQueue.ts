import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import type { QueueDepth } from '../../metrics';
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

/** Dead letters are kept 30 days (at most 10,000 per shard) for `npm run outbox`. */
const DEAD_LETTER_SECONDS = 30 * 86_400;

/** How long close() waits for a running job before it stops it. */
const CLOSE_DEADLINE_MS = 10_000;

export interface BullQueueDeps {
  name: string;
  /** BullMQ key prefix, e.g. "ttb:bull". */
  prefix: string;
  /** The instance's shared fail-fast client: an add during an outage fails at once (the webhook answers 503). */
  producer: Redis;
  /** A client for the workers (maxRetriesPerRequest: null, as BullMQ requires); each worker duplicates it. */
  workerConnection: Redis;
  options: QueueOptions;
  logger: Logger;
}

/**
 * BullMQ shards: queue `<name>-<i>` for each shard, each with a global concurrency of 1 (one running job across
 * every instance) and a worker of concurrency 1 per instance. A job of a killed worker goes back to the head of its
 * shard once its lock expires, so the order holds through a crash too.
 */
export class BullShardedQueue<T> implements ShardedQueue<T> {
  readonly name: string;
  private readonly queues: Queue[];
  private workers: Worker[] = [];

  constructor(private readonly deps: BullQueueDeps) {
    this.name = deps.name;
    const { attempts, backoffMs } = deps.options;
    this.queues = Array.from(
      { length: deps.options.shards },
      (_, shard) =>
        new Queue(`${deps.name}-${shard}`, {
          connection: deps.producer,
          prefix: deps.prefix,
          defaultJobOptions: {
            attempts,
            backoff: { type: 'exponential', delay: backoffMs },
            removeOnComplete: { age: JOB_ID_MEMORY_SECONDS, count: 100_000 },
            removeOnFail: { age: DEAD_LETTER_SECONDS, count: 10_000 },
          },
        }),
    );
    for (const queue of this.queues) queue.on('error', (error) => this.logError(error));
  }

  async add(key: string, jobs: QueueJob<T>[]): Promise<void> {
    if (jobs.length === 0) return;
    const queue = this.queues[shardOf(key, this.queues.length)];
    await queue.addBulk(jobs.map(({ id, data }) => ({ name: this.name, data, opts: { jobId: safeJobId(id) } })));
  }

  async process(processor: Processor<T>): Promise<void> {
    if (this.workers.length > 0) return;
    await Promise.all(this.queues.map((queue) => queue.setGlobalConcurrency(1)));
    const { lockMs } = this.deps.options;
    this.workers = this.queues.map((queue) => {
      const worker = new Worker(queue.name, (job: Job) => run(processor, job), {
        connection: this.deps.workerConnection,
        prefix: this.deps.prefix,
        concurrency: 1,
        lockDuration: lockMs,
        stalledInterval: lockMs,
        maxStalledCount: 2,
      });
      worker.on('error', (error) => this.logError(error));
      worker.on('failed', (job, error) => {
        if (job && job.attemptsMade < (job.opts.attempts ?? 1) && !(error instanceof UnrecoverableError)) {
          this.deps.logger.warn({ queue: queue.name, jobId: job.id, attempt: job.attemptsMade, err: error.message }, 'queue: job failed; it will run again');
        }
      });
      return worker;
    });
  }

  async deadLetters(limit = 100): Promise<DeadLetter<T>[]> {
    const perShard = await Promise.all(this.queues.map((queue) => queue.getFailed(0, limit - 1)));
    return perShard
      .flat()
      .map((job) => ({
        id: String(job.id),
        queue: job.queueName,
        data: job.data as T,
        reason: job.failedReason ?? '',
        failedAt: job.finishedOn ?? job.timestamp,
        attempts: job.attemptsMade,
      }))
      .sort((a, b) => b.failedAt - a.failedAt)
      .slice(0, limit);
  }

  async retry(id: string): Promise<boolean> {
    for (const queue of this.queues) {
      const job = await Job.fromId(queue, id);
      if (job && (await job.isFailed())) {
        await job.retry('failed');
        return true;
      }
    }
    return false;
  }

  async pending(): Promise<number> {
    const counts = await Promise.all(this.queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    return counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
  }

  async depths(): Promise<QueueDepth[]> {
    // While Redis is away BullMQ would wait for the connection: say so at once instead.
    if (this.deps.producer.status !== 'ready') throw new Error(`Redis is not connected (${this.deps.producer.status})`);
    const counts = await Promise.all(this.queues.map((queue) => queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed')));
    return counts.map((count, shard) => ({
      queue: this.queues[shard].name,
      waiting: (count.waiting ?? 0) + (count.prioritized ?? 0),
      active: count.active ?? 0,
      delayed: count.delayed ?? 0,
      failed: count.failed ?? 0,
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => closeWorker(worker)));
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  private logError(error: Error): void {
    this.deps.logger.warn({ queue: this.name, err: error.message }, 'queue: Redis error');
  }
}

async function run<T>(processor: Processor<T>, job: Job): Promise<void> {
  try {
    await processor(job.data as T, { id: String(job.id), attempt: Math.max(1, job.attemptsStarted ?? job.attemptsMade + 1) });
  } catch (error) {
    if (error instanceof PermanentFailure) throw new UnrecoverableError(error.message);
    throw error;
  }
}

async function closeWorker(worker: Worker): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_DEADLINE_MS)));
  const outcome = await Promise.race([worker.close().then(() => 'closed' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'late') await worker.close(true);
}
