import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { DossierRegistry } from './dossierRegistry';
import { UpstreamConnector, UpstreamUnavailableError } from './upstreamConnector';
import type { WatchStore } from './watchStore';

export interface PollerOptions {
  intervalMs: number;
  /** Codes asked per round at most (the oldest subscriptions first). */
  maxPerRound: number;
  /** This instance's id, written in the round's lock. */
  instance: string;
}

/**
 * Asks the province's system, at a set interval, about every dossier someone follows that the registry does not
 * hold (pushed dossiers change through the push). With several instances, one of them polls per interval: a lock
 * in Redis that expires before the next round.
 */
export class DossierPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: {
      watch: WatchStore;
      registry: DossierRegistry;
      connector: UpstreamConnector;
      redis: Redis | null;
      prefix: string;
      logger: Logger;
      onChange(): void;
    },
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runOnce().catch(() => 0).finally(() => (this.running = null));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round; resolves with the number of changes found (0 when another instance has this round). */
  async runOnce(): Promise<number> {
    if (!(await this.takeRound())) return 0;
    let changes = 0;
    for (const code of await this.deps.watch.watched(this.options.maxPerRound)) {
      if (await this.deps.registry.get(code)) continue;
      try {
        const answer = await this.deps.connector.fetchFresh(code);
        if (answer.kind === 'found' && (await this.deps.watch.observe(answer.dossier))) changes++;
      } catch (error) {
        if (!(error instanceof UpstreamUnavailableError)) throw error;
        this.deps.logger.warn({ code, reason: error.reason }, 'dossier poll: upstream unavailable; next round tries again');
        if (error.reason === 'circuit-open') break;
      }
    }
    if (changes > 0) this.deps.onChange();
    return changes;
  }

  private async takeRound(): Promise<boolean> {
    if (!this.deps.redis) return true;
    const ttl = Math.max(1000, Math.floor(this.options.intervalMs * 0.9));
    const taken = await this.deps.redis.set(`${this.deps.prefix}dossier:poll-round`, this.options.instance, 'PX', ttl, 'NX');
    return taken === 'OK';
  }
}
