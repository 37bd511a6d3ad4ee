import { createHash } from 'node:crypto';
import type { Logger } from '../../logger';
import type { ChannelStore } from '../delivery/channelStore';
import { ZaloApi, ZaloError } from './zaloApi';

const PAIR_KEY = 'zalo:token';
const LOCK_KEY = 'zalo:token:lock';
/** Longer than one refresh call (10 s timeout), so the lock never lapses during a refresh. */
const LOCK_MS = 15_000;
/** How long an instance waits for another one's refresh before giving up (the send is then retried). */
const WAIT_MS = 15_000;
/** Access tokens live 25 h: refresh when less than 5 h are left (at about 20 h). */
const REFRESH_MARGIN_MS = 5 * 3600_000;
/** A pair seeded from the environment has an unknown age: assume a fresh one (a -216 corrects it). */
const SEEDED_LIFETIME_MS = 25 * 3600_000;
/** How often the background check runs, so the refresh token stays alive without traffic too. */
const CHECK_EVERY_MS = 15 * 60_000;

interface StoredPair {
  access: string;
  refresh: string;
  expiresAt: number;
  /** Which environment pair this one descends from: a new pair set by the operator replaces the stored one. */
  seed: string;
}

export interface ZaloTokensDeps {
  store: ChannelStore;
  api: ZaloApi;
  /** ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN: used until a refresh replaces them. */
  initial: { accessToken: string; refreshToken: string };
  logger: Logger;
  now?: () => number;
}

/**
 * The OA access token. Refresh tokens are single use, so exactly one instance refreshes (a lock in the store) and
 * the new pair is written to the store, where every instance reads it, before it is used; inside one process
 * concurrent callers share one refresh. Refreshed before expiry, and when Zalo rejects the token (-216).
 */
export class ZaloTokens {
  private readonly now: () => number;
  private readonly seed: string;
  private inflight?: Promise<string>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly deps: ZaloTokensDeps) {
    this.now = deps.now ?? Date.now;
    this.seed = createHash('sha256').update(`${deps.initial.accessToken}\n${deps.initial.refreshToken}`).digest('hex').slice(0, 16);
  }

  /** The token to send with: the stored one, refreshed first when it is close to expiry. */
  async accessToken(): Promise<string> {
    const pair = await this.load();
    if (pair.expiresAt - this.now() > REFRESH_MARGIN_MS) return pair.access;
    return this.refresh(pair.access, 'close to expiry');
  }

  /** Zalo rejected `stale` (-216): refresh it, unless another caller or instance already did. */
  async afterRejection(stale: string): Promise<string> {
    return this.refresh(stale, 'rejected by Zalo');
  }

  /** Checks every 15 min, so that a quiet OA does not let its refresh token lapse (3 months). */
  startBackgroundRefresh(): void {
    this.timer = setInterval(() => {
      this.accessToken().catch((error: Error) => this.deps.logger.warn({ err: error.message }, 'zalo: background token check failed'));
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private refresh(stale: string, why: string): Promise<string> {
    this.inflight ??= this.refreshOnce(stale, why).finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async refreshOnce(stale: string, why: string): Promise<string> {
    const deadline = this.now() + WAIT_MS;
    while (this.now() < deadline) {
      const current = await this.load();
      if (current.access !== stale) return current.access;
      const lock = await this.deps.store.lock(LOCK_KEY, LOCK_MS);
      if (lock) {
        try {
          return await this.refreshLocked(stale, why);
        } finally {
          await this.deps.store.unlock(LOCK_KEY, lock).catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new ZaloError('another instance is still refreshing the Zalo token', 'retry');
  }

  /** Holding the lock: re-read (someone may have finished just before), call Zalo, store the pair before use. */
  private async refreshLocked(stale: string, why: string): Promise<string> {
    const current = await this.load();
    if (current.access !== stale) return current.access;
    let fresh;
    try {
      fresh = await this.deps.api.refresh(current.refresh);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ZaloError && error.kind === 'fail') {
        this.deps.logger.error({ err: message }, 'zalo: the refresh token was refused; ask the OA admin to grant access again and set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN');
      }
      throw error;
    }
    const expiresAt = this.now() + fresh.expiresInSeconds * 1000;
    await this.save({ access: fresh.accessToken, refresh: fresh.refreshToken, expiresAt, seed: current.seed });
    this.deps.logger.info({ why, expiresInHours: Math.round(fresh.expiresInSeconds / 360) / 10 }, 'zalo: access token refreshed');
    return fresh.accessToken;
  }

  /** The stored pair; the environment's pair when nothing is stored yet or the operator set a new one. */
  private async load(): Promise<StoredPair> {
    const stored = await this.deps.store.getHash(PAIR_KEY);
    if (stored.access && stored.refresh && stored.seed === this.seed) {
      return { access: stored.access, refresh: stored.refresh, expiresAt: Number(stored.expiresAt) || 0, seed: stored.seed };
    }
    const seeded: StoredPair = {
      access: this.deps.initial.accessToken,
      refresh: this.deps.initial.refreshToken,
      expiresAt: this.now() + SEEDED_LIFETIME_MS,
      seed: this.seed,
    };
    await this.save(seeded);
    this.deps.logger.info(stored.access ? 'zalo: new tokens from the environment replace the stored pair' : 'zalo: tokens from the environment stored');
    return seeded;
  }

  private async save(pair: StoredPair): Promise<void> {
    await this.deps.store.setHash(PAIR_KEY, { access: pair.access, refresh: pair.refresh, expiresAt: String(pair.expiresAt), seed: pair.seed });
  }
}
