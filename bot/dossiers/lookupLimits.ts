import { createHash, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Dossier, phoneCheckOf } from './dossier';

export interface LookupLimitOptions {
  perUserPerHour: number;
  perCodePerHour: number;
}

export type LimitVerdict = { ok: true } | { ok: false; by: 'user' | 'code'; retryAfterSeconds: number };

const HOUR = 3600;

/**
 * Abuse limits on lookups: so many per user and so many per code in an hour, counted in Redis (shared by every
 * instance) or in memory. Beyond them the bot refuses politely, so codes cannot be tried in bulk.
 */
export class LookupLimits {
  private readonly perUser: RateLimiterAbstract;
  private readonly perCode: RateLimiterAbstract;

  constructor(redis: Redis | null, prefix: string, options: LookupLimitOptions) {
    this.perUser = limiter(redis, `${prefix}dossier:limit:user`, options.perUserPerHour, HOUR);
    this.perCode = limiter(redis, `${prefix}dossier:limit:code`, options.perCodePerHour, HOUR);
  }

  /** Counts one lookup; refuses when the user's or the code's hour is used up. */
  async take(userKey: string, code: string): Promise<LimitVerdict> {
    const user = await consume(this.perUser, hashed(userKey));
    if (user !== null) return { ok: false, by: 'user', retryAfterSeconds: user };
    const byCode = await consume(this.perCode, code);
    if (byCode !== null) return { ok: false, by: 'code', retryAfterSeconds: byCode };
    return { ok: true };
  }
}

export type FactorVerdict = { kind: 'ok' } | { kind: 'wrong'; attemptsLeft: number } | { kind: 'locked'; retryAfterSeconds: number };

export interface SecondFactorOptions {
  attempts: number;
  lockSeconds: number;
}

/**
 * The last 4 digits of the applicant's phone, asked before the officer's note or delivery details are shown.
 * Wrong answers are counted per user and code; the last allowed wrong answer locks that code for that user.
 */
export class SecondFactor {
  private readonly wrong: RateLimiterAbstract;

  constructor(
    redis: Redis | null,
    prefix: string,
    private readonly options: SecondFactorOptions,
  ) {
    this.wrong = limiter(redis, `${prefix}dossier:factor`, options.attempts, options.lockSeconds);
  }

  /** Seconds the code stays locked for the user, 0 when it is not. */
  async lockedFor(userKey: string, code: string): Promise<number> {
    const res = await this.wrong.get(key(userKey, code));
    return res && res.consumedPoints >= this.options.attempts ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  }

  async verify(userKey: string, dossier: Pick<Dossier, 'code' | 'phoneCheck'>, answer: string): Promise<FactorVerdict> {
    const id = key(userKey, dossier.code);
    const locked = await this.lockedFor(userKey, dossier.code);
    if (locked > 0) return { kind: 'locked', retryAfterSeconds: locked };
    const digits = answer.replace(/\D/g, '');
    if (dossier.phoneCheck !== null && digits.length === 4 && sameText(phoneCheckOf(dossier.code, digits), dossier.phoneCheck)) {
      await this.wrong.delete(id);
      return { kind: 'ok' };
    }
    const res = await this.wrong.penalty(id, 1);
    if (res.consumedPoints >= this.options.attempts) {
      await this.wrong.block(id, this.options.lockSeconds);
      return { kind: 'locked', retryAfterSeconds: this.options.lockSeconds };
    }
    return { kind: 'wrong', attemptsLeft: this.options.attempts - res.consumedPoints };
  }
}

function limiter(redis: Redis | null, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const options = { keyPrefix, points, duration };
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
}

/** null when allowed; else the seconds until the next try. Store errors (Redis down) are thrown. */
async function consume(limit: RateLimiterAbstract, id: string): Promise<number | null> {
  try {
    await limit.consume(id);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/** The user and code together, hashed: keys in Redis do not show who looked at what. */
function key(userKey: string, code: string): string {
  return hashed(`${userKey}\n${code}`);
}

function hashed(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
