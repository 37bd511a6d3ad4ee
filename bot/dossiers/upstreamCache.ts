import type { Redis } from 'ioredis';
import type { Dossier } from './dossier';

/** What the upstream said about a code: its record, or that it does not know it. */
export type UpstreamAnswer = { kind: 'found'; dossier: Dossier } | { kind: 'not-found' };

/**
 * Answers of the province's system, kept a few minutes so that a citizen asking twice, or a poll right after a
 * lookup, does not call it again. "Not found" is kept too (shorter), so nobody can use the bot to hammer it.
 */
export interface UpstreamCache {
  get(code: string): Promise<UpstreamAnswer | null>;
  set(code: string, answer: UpstreamAnswer, ttlSeconds: number): Promise<void>;
}

export class RedisUpstreamCache implements UpstreamCache {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  async get(code: string): Promise<UpstreamAnswer | null> {
    const json = await this.client.get(this.key(code));
    return json ? (JSON.parse(json) as UpstreamAnswer) : null;
  }

  async set(code: string, answer: UpstreamAnswer, ttlSeconds: number): Promise<void> {
    if (ttlSeconds > 0) await this.client.set(this.key(code), JSON.stringify(answer), 'EX', ttlSeconds);
  }

  private key(code: string): string {
    return `${this.prefix}dossier:upstream:${code}`;
  }
}

/** A bounded in-process cache for one instance without Redis. */
export class MemoryUpstreamCache implements UpstreamCache {
  private readonly entries = new Map<string, { answer: UpstreamAnswer; expires: number }>();

  constructor(
    private readonly maxEntries = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(code: string): Promise<UpstreamAnswer | null> {
    const entry = this.entries.get(code);
    if (!entry) return null;
    if (entry.expires <= this.now()) {
      this.entries.delete(code);
      return null;
    }
    return structuredClone(entry.answer);
  }

  async set(code: string, answer: UpstreamAnswer, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return;
    this.entries.delete(code);
    this.entries.set(code, { answer: structuredClone(answer), expires: this.now() + ttlSeconds * 1000 });
    // Maps keep insertion order: the first key is the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
