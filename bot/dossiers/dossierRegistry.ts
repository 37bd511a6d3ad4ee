import type { Redis } from 'ioredis';
import { Dossier, dossierContent } from './dossier';

/** Where a record came from. */
export type DossierSource = 'push' | 'import' | 'upstream';

export interface StoredDossier extends Dossier {
  /** 1 when first saved, +1 on every change of content. */
  version: number;
  /** ISO time of the last change. */
  updatedAt: string;
  source: DossierSource;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * The local registry, fed by the one-stop system (push API) and by CSV imports. Saving the same record twice
 * changes nothing (idempotent upsert), so a sender may retry freely.
 */
export interface DossierRegistry {
  readonly kind: 'redis' | 'memory';
  get(code: string): Promise<StoredDossier | null>;
  upsert(dossier: Dossier, source: DossierSource): Promise<UpsertOutcome>;
}

/*
 * KEYS[1] the record's hash; ARGV: content JSON, source, ISO time, TTL seconds. Compare and write in one step on
 * the server, so two instances saving the same push at once count one change.
 */
const UPSERT_SCRIPT = `
local old = redis.call('HGET', KEYS[1], 'data')
local ttl = tonumber(ARGV[4])
if old == ARGV[1] then
  if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
  return 'unchanged'
end
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'source', ARGV[2], 'updatedAt', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'version', 1)
if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
if old then return 'updated' end
return 'created'
`;

export class RedisDossierRegistry implements DossierRegistry {
  readonly kind = 'redis';

  /** `retentionSeconds`: how long a record is kept after its last save (0 = for ever). */
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly retentionSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(code: string): Promise<StoredDossier | null> {
    const hash = await this.client.hgetall(this.key(code));
    if (!hash.data) return null;
    return { ...(JSON.parse(hash.data) as Dossier), version: Number(hash.version), updatedAt: hash.updatedAt, source: hash.source as DossierSource };
  }

  async upsert(dossier: Dossier, source: DossierSource): Promise<UpsertOutcome> {
    const iso = new Date(this.now()).toISOString();
    const args = [dossierContent(dossier), source, iso, String(this.retentionSeconds)];
    return (await this.client.eval(UPSERT_SCRIPT, 1, this.key(dossier.code), ...args)) as UpsertOutcome;
  }

  private key(code: string): string {
    return `${this.prefix}dossier:record:${code}`;
  }
}

/** For one process without Redis (a laptop, tests): records live as long as the process. */
export class MemoryDossierRegistry implements DossierRegistry {
  readonly kind = 'memory';
  private readonly records = new Map<string, { content: string; stored: StoredDossier }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(code: string): Promise<StoredDossier | null> {
    const found = this.records.get(code);
    return found ? structuredClone(found.stored) : null;
  }

  async upsert(dossier: Dossier, source: DossierSource): Promise<UpsertOutcome> {
    const content = dossierContent(dossier);
    const old = this.records.get(dossier.code);
    if (old?.content === content) return 'unchanged';
    const version = (old?.stored.version ?? 0) + 1;
    const stored = { ...structuredClone(dossier), version, updatedAt: new Date(this.now()).toISOString(), source };
    this.records.set(dossier.code, { content, stored });
    return old ? 'updated' : 'created';
  }
}
