import { createHash } from 'node:crypto';
import type { QueueDepth } from '../../metrics';

/**
 * A durable job queue split into shards, each shard running one job at a time across every instance, so jobs for
 * one key (a user, a recipient) run in the order they were added. Open-source BullMQ has no per-group ordering;
 * a shard per hash of the key, with a global concurrency of 1, gives it: stronger than per-key order (keys that share
 * a shard also wait for each other), with a throughput bounded by the number of shards, which is plenty for a
 * province's chat traffic. Two implementations: BullMQ on Redis, and in-process without Redis.
 */
export interface ShardedQueue<T> {
  readonly name: string;
  /** Adds jobs, in order, to the shard of `key`. A job whose id was added in the last 24 h is ignored. */
  add(key: string, jobs: QueueJob<T>[]): Promise<void>;
  /** Starts taking jobs. A processor that throws PermanentFailure sends the job to the dead letters at once. */
  process(processor: Processor<T>): Promise<void>;
  /** Failed jobs, newest first. */
  deadLetters(limit?: number): Promise<DeadLetter<T>[]>;
  /** Puts a dead letter back in its shard; false when no dead letter has that id. */
  retry(id: string): Promise<boolean>;
  /** Jobs not finished yet (waiting, delayed or running). */
  pending(): Promise<number>;
  /** Jobs per shard and state (waiting, active, delayed, failed), for the metrics; fails at once while Redis is away. */
  depths(): Promise<QueueDepth[]>;
  /** Stops taking jobs, lets the running ones finish, and closes connections. */
  close(): Promise<void>;
}

export interface QueueJob<T> {
  /** Stable id: the same event or reply always gets the same id, so a re-run adds nothing twice. */
  id: string;
  data: T;
}

export interface JobInfo {
  id: string;
  /** 1 for the first run, 2 after a crash or an unexpected error, ... */
  attempt: number;
}

export type Processor<T> = (data: T, info: JobInfo) => Promise<void>;

export interface DeadLetter<T> {
  id: string;
  queue: string;
  data: T;
  reason: string;
  failedAt: number;
  attempts: number;
}

/** A job that must not be retried (a refused message, retries used up): it goes to the dead letters. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

/** Tuning shared by both implementations. */
export interface QueueOptions {
  shards: number;
  /** Runs of a job that throws something other than PermanentFailure (a crash counts as one run). */
  attempts: number;
  /** First delay before such a rerun, doubled each time. */
  backoffMs: number;
  /** BullMQ lock of a running job: how soon a job of a killed worker is taken up again. */
  lockMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { shards: 4, attempts: 3, backoffMs: 2000, lockMs: 15_000 };

/** How long a job id is remembered for de-duplication, and completed jobs kept. */
export const JOB_ID_MEMORY_SECONDS = 86_400;

/** The shard of a key: the same key always lands on the same shard. */
export function shardOf(key: string, shards: number): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % shards;
}

/** BullMQ refuses ':' in custom ids and ids that are integers. */
export function safeJobId(id: string): string {
  return `j.${id.replace(/:/g, '.')}`;
}
