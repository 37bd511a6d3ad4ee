import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { DossierCodeReader } from './dossierCode';
import { DossierIngest } from './dossierIngest';
import { DossierLookup } from './dossierLookup';
import { DossierRegistry, MemoryDossierRegistry, RedisDossierRegistry } from './dossierRegistry';
import { LookupLimitOptions, LookupLimits, SecondFactor, SecondFactorOptions } from './lookupLimits';
import { DossierNotifier, NoticeSender } from './notifier';
import { DossierPoller } from './poller';
import { PushApi } from './pushApi';
import { RedisWatchStore } from './redisWatchStore';
import { MemoryUpstreamCache, RedisUpstreamCache } from './upstreamCache';
import { ConnectorOptions, UpstreamConnector } from './upstreamConnector';
import { MemoryWatchStore, WatchStore } from './watchStore';

/** Everything configurable about dossier status (read from the environment in bot/config.ts). */
export interface DossierOptions {
  /** Extra code shapes (regular expressions) besides the one-stop systems' default. */
  codePatterns: string[];
  /** Empty: POST /api/dossiers is off. */
  pushToken: string;
  /** null: no upstream; only the registry answers. */
  connector: ConnectorOptions | null;
  /** 0: no polling. */
  pollIntervalSeconds: number;
  limits: LookupLimitOptions;
  secondFactor: SecondFactorOptions;
  /** The least time a lookup answer takes (the same for every unknown code). */
  lookupFloorMs: number;
  subscriptionDays: number;
  /** How long a registry record is kept after its last update (0 = for ever). */
  retentionDays: number;
  /** How often each instance reads the change feed, in ms. */
  notifyIntervalMs: number;
}

export interface DossierParts {
  codes: DossierCodeReader;
  registry: DossierRegistry;
  watch: WatchStore;
  lookup: DossierLookup;
  secondFactor: SecondFactor;
  ingest: DossierIngest;
  /** null when no push token is configured. */
  push: PushApi | null;
  connector: UpstreamConnector | null;
  /** How long a follow lasts, for the sentence that confirms it. */
  subscriptionDays: number;
  /** Starts telling subscribers about changes, through `send`; and polling, when configured. */
  start(send: NoticeSender): void;
  close(): Promise<void>;
}

export interface DossierEnvironment {
  /** The process's one shared client, or null for memory. */
  redis: Redis | null;
  prefix: string;
  logger: Logger;
  /** This instance's name in the change feed (defaults to a random id). */
  instance?: string;
}

/** The defaults of bot/config.ts, for tools that build a bot without a configuration (probes, benchmarks). */
export const DEFAULT_DOSSIER_OPTIONS: Readonly<DossierOptions> = {
  codePatterns: [],
  pushToken: '',
  connector: null,
  pollIntervalSeconds: 0,
  limits: { perUserPerHour: 10, perCodePerHour: 30 },
  secondFactor: { attempts: 3, lockSeconds: 3600 },
  lookupFloorMs: 700,
  subscriptionDays: 90,
  retentionDays: 365,
  notifyIntervalMs: 2000,
};

/** Builds the dossier room from its options: Redis-backed parts when a client is given, memory otherwise. */
export function createDossiers(options: DossierOptions, env: DossierEnvironment): DossierParts {
  const { redis, prefix, logger } = env;
  const instance = env.instance ?? `bot-${randomUUID().slice(0, 8)}`;
  const codes = new DossierCodeReader(options.codePatterns);
  const registry = redis ? new RedisDossierRegistry(redis, prefix, options.retentionDays * 86_400) : new MemoryDossierRegistry();
  const subscriptionMs = options.subscriptionDays * 86_400_000;
  const watch = redis ? new RedisWatchStore(redis, prefix, { subscriptionMs }) : new MemoryWatchStore({ subscriptionMs });
  const cache = redis ? new RedisUpstreamCache(redis, prefix) : new MemoryUpstreamCache();
  const connector = options.connector ? new UpstreamConnector(options.connector, codes, cache, logger) : null;
  const limits = new LookupLimits(redis, prefix, options.limits);
  const lookup = new DossierLookup({ registry, connector, limits, logger, floorMs: options.lookupFloorMs });
  let notifier: DossierNotifier | null = null;
  let poller: DossierPoller | null = null;
  const onChange = () => notifier?.kick();
  const ingest = new DossierIngest({ codes, registry, watch, logger, onChange });
  const push = options.pushToken ? new PushApi(options.pushToken, ingest, logger) : null;
  return {
    codes,
    registry,
    watch,
    lookup,
    secondFactor: new SecondFactor(redis, prefix, options.secondFactor),
    ingest,
    push,
    connector,
    subscriptionDays: options.subscriptionDays,
    start(send) {
      notifier ??= new DossierNotifier(watch, send, logger, { consumer: instance, intervalMs: options.notifyIntervalMs, maxAttempts: 5 });
      notifier.start();
      if (connector && options.pollIntervalSeconds > 0) {
        const intervalMs = options.pollIntervalSeconds * 1000;
        poller ??= new DossierPoller({ watch, registry, connector, redis, prefix, logger, onChange }, { intervalMs, maxPerRound: 500, instance });
        poller.start();
      }
    },
    async close() {
      await Promise.all([notifier?.stop(), poller?.stop()]);
    },
  };
}
