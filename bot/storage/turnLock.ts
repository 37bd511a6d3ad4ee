import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisScript } from './redisScript';
import { StorageUnavailableError } from './storageErrors';

/** Gives back the conversation's turn; safe to call once, after the turn. */
export type Release = () => Promise<void>;

/**
 * One turn at a time per conversation. `acquire` resolves when the caller holds the conversation; `onSlow` is
 * called once if that takes longer than the lock's patience (the caller tells the user "one moment").
 */
export interface TurnLock {
  acquire(key: string, onSlow?: () => void): Promise<Release>;
}

export interface LockTimings {
  /** After this long waiting, `onSlow` is called (the message is still processed when its turn comes). */
  slowMs: number;
  /** How long a Redis lease lives without renewal: a crashed instance frees its conversations after this. */
  leaseMs: number;
  /** A turn that holds a lease longer than this stops renewing it, so one stuck turn cannot block forever. */
  maxTurnMs: number;
}

export const DEFAULT_LOCK_TIMINGS: LockTimings = { slowMs: 3000, leaseMs: 10_000, maxTurnMs: 60_000 };

/**
 * Turns of one conversation in one process, in arrival order: each waits for the one before it. Entries are
 * removed when the last waiter is done, so the map holds only conversations with a turn in progress.
 */
export class LocalTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly timings: Pick<LockTimings, 'slowMs'> = DEFAULT_LOCK_TIMINGS) {}

  get size(): number {
    return this.tails.size;
  }

  async acquire(key: string, onSlow?: () => void): Promise<Release> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await whilePatient(previous, this.timings.slowMs, onSlow);
    return async () => {
      done();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

// Delete / extend the lease only if it is still ours (a lease that expired may belong to another instance now).
const RELEASE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);
const RENEW = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`);

/**
 * One turn at a time per conversation across every instance sharing Redis: a lease (SET NX PX) renewed while the
 * turn runs and released after it. Turns of the same instance queue in process first, so only one of them polls
 * Redis; waiting instances poll with a short, jittered delay growing from 1–3 ms to at most 8–24 ms.
 */
export class RedisTurnLock implements TurnLock {
  private readonly local: LocalTurnLock;
  /** Leases released in the last REPAIR_WINDOW_MS: a failover may have lost their release (see repairReleases). */
  private recent: { key: string; token: string; at: number }[] = [];

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly timings: LockTimings = DEFAULT_LOCK_TIMINGS,
    private readonly unavailable: LeaseFallback = NO_FALLBACK,
  ) {
    this.local = new LocalTurnLock({ slowMs: Number.MAX_SAFE_INTEGER });
    let lost = false;
    client.on('close', () => (lost = true));
    client.on('ready', () => {
      if (lost) void this.repairReleases();
      lost = false;
    });
  }

  /**
   * Replication is asynchronous: when a Sentinel promotes a replica, the last writes to the old primary may be
   * missing from the new one, among them the release of a lease, which would then keep the conversation's next
   * messages waiting until the lease expires. After a reconnection, the leases released just before are released
   * once more (only where the lease still holds this instance's token).
   */
  private async repairReleases(): Promise<void> {
    const since = Date.now() - REPAIR_WINDOW_MS;
    const recent = this.recent.filter((lease) => lease.at >= since);
    this.recent = [];
    await Promise.all(recent.map((lease) => RELEASE.run(this.client, [lease.key], [lease.token]).catch(() => undefined)));
  }

  get size(): number {
    return this.local.size;
  }

  async acquire(key: string, onSlow?: () => void): Promise<Release> {
    let slowTimer: NodeJS.Timeout | undefined = onSlow ? setTimeout(onSlow, this.timings.slowMs) : undefined;
    const clearSlow = () => {
      if (slowTimer) clearTimeout(slowTimer);
      slowTimer = undefined;
    };
    const releaseLocal = await this.local.acquire(key);
    try {
      const lease = await this.lease(`${this.prefix}lock:${key}`);
      clearSlow();
      if (!lease) return releaseLocal;
      return async () => {
        try {
          await lease();
        } finally {
          await releaseLocal();
        }
      };
    } catch (error) {
      clearSlow();
      await releaseLocal();
      throw error;
    }
  }

  /**
   * The conversation's lease, or null when Redis cannot be reached (after waiting for it as the fallback allows):
   * the turn then holds only this instance's lock, which is all that can be had while Redis is away, and goes on
   * without stored state (it writes none).
   */
  private async lease(redisKey: string): Promise<Release | null> {
    const token = randomUUID();
    for (let attempt = 0, failures = 0; ; attempt++) {
      let taken: string | null;
      try {
        taken = await this.client.set(redisKey, token, 'PX', this.timings.leaseMs, 'NX');
      } catch (error) {
        failures += 1;
        if (failures < 3 && (await this.unavailable.waitReady())) continue;
        this.unavailable.onUnavailable(error instanceof Error ? error : new Error(String(error)));
        return null;
      }
      if (taken === 'OK') break;
      // A turn takes a few milliseconds, so the lease is usually free again within one or two short waits; long
      // waits made every collision cost up to ~120 ms and, under load, let a backlog of waiting turns build up.
      await sleep(Math.min(2 * 2 ** Math.min(attempt, 3), 16) * (0.5 + Math.random()));
    }
    const acquiredAt = Date.now();
    const renewal = setInterval(() => {
      if (Date.now() - acquiredAt > this.timings.maxTurnMs) return clearInterval(renewal);
      RENEW.run(this.client, [redisKey], [token, this.timings.leaseMs]).catch(() => undefined);
    }, Math.max(100, Math.floor(this.timings.leaseMs / 3)));
    renewal.unref();
    return async () => {
      clearInterval(renewal);
      await RELEASE.run(this.client, [redisKey], [token]).catch(() => undefined);
      this.recent.push({ key: redisKey, token, at: Date.now() });
      if (this.recent.length > 2 * MAX_RECENT) this.recent = this.recent.slice(-MAX_RECENT);
    };
  }
}

/** How far back releases are repeated after a reconnection, and how many are remembered at most. */
const REPAIR_WINDOW_MS = 5000;
const MAX_RECENT = 5000;

/** What the Redis lock does when Redis does not answer: wait for it (false: it did not come back), then report. */
export interface LeaseFallback {
  waitReady(): Promise<boolean>;
  onUnavailable(error: Error): void;
}

/** Without a fallback a Redis failure is the turn's failure, as a StorageUnavailableError. */
const NO_FALLBACK: LeaseFallback = {
  waitReady: async () => false,
  onUnavailable: (error) => {
    throw new StorageUnavailableError(`Turn lock: Redis failed: ${error.message}`, { cause: error });
  },
};

/** Waits for a promise; calls `onSlow` once if it takes longer than `slowMs`. */
async function whilePatient(waitFor: Promise<void>, slowMs: number, onSlow?: () => void): Promise<void> {
  if (!onSlow) return waitFor;
  const timer = setTimeout(onSlow, slowMs);
  try {
    await waitFor;
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
