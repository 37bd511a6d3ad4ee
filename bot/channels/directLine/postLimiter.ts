import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../../logger';

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface PostLimiterOptions {
  postsPerMinute: number;
  /** Shared by every instance when given; while it is down each instance counts on its own. */
  redis: Redis | null;
  prefix: string;
  logger: Logger;
}

/**
 * How many activities one conversation may post per minute. Counted per conversation rather than per token
 * string, so refreshing the token does not reset the count. Polls are never limited (see directLineRoutes).
 */
export class PostLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(private readonly options: PostLimiterOptions) {
    const limits = { points: options.postsPerMinute, duration: 60 };
    const memory = new RateLimiterMemory({ ...limits, keyPrefix: 'dl-post' });
    this.limiter = options.redis
      ? new RateLimiterRedis({
          ...limits,
          storeClient: options.redis,
          keyPrefix: `${options.prefix}dl:rate`,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
  }

  async consume(conversationId: string): Promise<LimitDecision> {
    try {
      await this.limiter.consume(conversationId);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
      // Only reachable without an insurance limiter; a limiter fault must not silence the citizen.
      this.options.logger.warn({ err: String(rejection) }, 'directline: post limiter failed; post let through');
      return { allowed: true };
    }
  }
}
