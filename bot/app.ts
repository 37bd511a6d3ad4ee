import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Redis } from 'ioredis';
import { FLOWS, createRouter } from '../dialogs/flows';
import type { Turn } from '../dialogs/turn';
import type { DialogServices, EventRecorder } from '../dialogs/services';
import { version } from '../package.json';
import type { Config } from './config';
import { createDossiers, type DossierParts } from './dossiers/createDossiers';
import { createI18n, type I18n } from './i18n';
import { KnowledgeStore } from './knowledge/knowledgeStore';
import type { Logger } from './logger';
import { BotMetrics } from './metrics';
import { openQuestionLog } from './questions/openQuestionLog';
import type { QuestionLog } from './questions/questionLog';
import { StaffEventRecorder } from './questions/staffEvents';
import { profileFor } from './replies/channelProfile';
import type { HealthReport, ReadinessCheck } from './server';
import { ServedKnowledgePair } from './servedKnowledge';
import { StateStore } from './stateStore';
import { ALWAYS_AVAILABLE, type StoreAvailability } from './storage/availability';
import { createStorage, type StorageHandle } from './storage/createStorage';
import { createRedisConnection, type RedisConnection } from './storage/redisConnection';
import { replicationWait } from './storage/replication';
import { DEFAULT_LOCK_TIMINGS, LocalTurnLock, RedisTurnLock, type LockTimings } from './storage/turnLock';
import { ThuTucBot } from './thuTucBot';
import { createTurnErrorHandler } from './turnErrorHandler';
import { TurnLockMiddleware } from './turnLockMiddleware';
import { TurnMeter } from './turnMeter';
import { localeOf, turnOf, TurnRunner } from './turnRunner';

/** The channel-neutral bot and everything it stands on, built in dependency order; channels build on it. */
export interface Runtime {
  config: Config;
  logger: Logger;
  /** The instance's Prometheus metrics (GET /metrics); parts that observe something are handed it from here. */
  metrics: BotMetrics;
  /** The instance's one Redis connection (null without REDIS_URL): storage, the turn lock, queues, dedupe... */
  redis: Redis | null;
  storage: StorageHandle;
  knowledge: KnowledgeStore;
  served: ServedKnowledgePair;
  i18n: I18n;
  /** Dossier status: registry, connector, lookups, subscriptions (its notifier starts with a channel that sends). */
  dossiers: DossierParts;
  state: StateStore;
  bot: ThuTucBot;
  /** The bot's turn logic, for adapter.process / continueConversation. */
  logic: (context: TurnContext) => Promise<void>;
  /**
   * Installs the shared middleware (turn lock, turn runner) and the error handler on an adapter, and registers it
   * for proactive messages on the given channel ids ('*' = any channel no other adapter claims).
   */
  attach<A extends BotAdapter>(adapter: A, proactive?: ProactiveOptions): A;
  /**
   * A message the bot starts (a dossier's new status...): a turn of that conversation, through the same lock,
   * state, outbox and renderer as a reply; `write` fills `turn.reply` (and may change `turn.data`).
   */
  proactive(reference: Partial<ConversationReference>, write: (turn: Turn) => void | Promise<void>): Promise<void>;
  /** Turns in flight on this instance, and waiting for them to finish (graceful stop). */
  turns: { readonly inFlight: number; drain(deadlineMs: number): Promise<boolean> };
  /**
   * Resolves once what this instance wrote to Redis so far is on a replica (when the primary has replicas), so that
   * an event a webhook accepts survives a failover; at once without Redis or replicas (bot/storage/replication.ts).
   */
  replicated: () => Promise<void>;
  health(): HealthReport;
  /** Where unanswered questions and 👍/👎 are kept for staff (npm run kb:gaps). */
  questionLog: QuestionLog;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export interface ProactiveOptions {
  channels: string[];
  /** How the adapter opens a proactive turn (default: adapter.continueConversation). */
  continueConversation?: (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;
}

export interface RuntimeOptions {
  /** Reload the knowledge folder on change (default: config.kbWatch). */
  watch?: boolean;
  /** Where staff events go (default: log lines). */
  events?: EventRecorder;
  lockTimings?: LockTimings;
  /** An already open knowledge store to serve (tests share one); the runtime then leaves it open on close. */
  knowledge?: KnowledgeStore;
  /** The understanding already built on `knowledge` (tests share it: building it takes a few hundred ms). */
  served?: ServedKnowledgePair;
  /** A storage of the caller's (tests: two runtimes on one MemoryStore play two instances or a restart). */
  storage?: StorageHandle;
  /** Whether that storage is up (tests play an outage); default: the Redis connection's, or always for memory. */
  availability?: StoreAvailability;
  /** The metrics registry (default: a new one, with Node's process metrics). */
  metrics?: BotMetrics;
}

/**
 * Builds the runtime in order: one Redis connection (or none) -> storage -> knowledge -> dialogs -> bot. Throws
 * KnowledgeLoadError when the knowledge folder has errors: there is nothing good to serve.
 */
export function buildRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Runtime {
  const metrics = options.metrics ?? new BotMetrics();
  const connection: RedisConnection | null = config.redisUrl ? createRedisConnection(config.redisUrl, logger) : null;
  if (connection) {
    connection.client.on('error', () => metrics.redisError('main'));
    metrics.watchRedis('main', () => connection.client.status === 'ready');
  }
  const storage = options.storage ?? createStorage({
    redis: connection,
    prefix: config.redisPrefix,
    conversationTtlSeconds: config.conversationTtlSeconds,
    userTtlSeconds: config.userTtlSeconds,
    logger,
  });
  const knowledge = options.knowledge ?? openKnowledge(config, logger, connection, metrics);
  const dossiers = createDossiers(config.dossiers, { redis: connection?.client ?? null, prefix: config.redisPrefix, logger });
  // The understanding recognises the same code shapes as the dossier flow; a shared one must have been built so.
  const shared = options.knowledge && options.served;
  if (shared && shared.codes.patterns.join(' ') !== config.dossiers.codePatterns.join(' ')) {
    throw new Error('buildRuntime: options.served was built with other DOSSIER_CODE_PATTERNS than the config');
  }
  const served = shared || new ServedKnowledgePair(knowledge, logger, dossiers.codes);
  metrics.watchKnowledge(() => ({ entries: served.kb.entries.length, loadedAt: served.kb.loadedAt }));
  if (!options.knowledge && (options.watch ?? config.kbWatch)) knowledge.watch();
  const i18n = createI18n(config.defaultLocale);
  const questionLog = openQuestionLog(config, connection);
  const staffEvents = new StaffEventRecorder(questionLog, logger);
  const services: DialogServices = {
    i18n,
    logger,
    knowledge: served,
    events: options.events ?? staffEvents,
    retention: {
      conversationHours: Math.round(config.conversationTtlSeconds / 3600),
      userDays: Math.round(config.userTtlSeconds / 86400),
      questionDays: config.questionLog.days,
    },
    dossiers,
    replyWindowHours: (channelId) => profileFor(channelId).proactiveWindowHours ?? null,
  };
  const state = new StateStore(storage.storage, (record) => FLOWS.fits(record), logger);
  const bot = new ThuTucBot(createRouter());
  const timings = options.lockTimings ?? DEFAULT_LOCK_TIMINGS;
  // Redis away: a turn waits up to REDIS_WAIT_MS for it, then holds only this instance's lock and runs without state.
  const availability = options.availability ?? connection ?? ALWAYS_AVAILABLE;
  const lockFallback = {
    waitReady: () => availability.waitReady(config.redisWaitMs),
    onUnavailable: (error: Error) => logger.debug({ err: error.message }, 'turn lock: Redis unavailable; this instance only'),
  };
  const lock = connection ? new RedisTurnLock(connection.client, config.redisPrefix, timings, lockFallback) : new LocalTurnLock(timings);
  const sayWait = async (context: TurnContext) => {
    await context.sendActivity({ type: 'message', text: i18n.t(localeOf(context, config.defaultLocale), 'turn.wait') });
  };
  const meter = new TurnMeter(logger, metrics);
  const gate = new TurnLockMiddleware(lock, sayWait, logger);
  const runner = new TurnRunner({ store: state, services, defaultLocale: config.defaultLocale, logger, availability, storeWaitMs: config.redisWaitMs });
  const onTurnError = createTurnErrorHandler({ store: state, i18n, logger, defaultLocale: config.defaultLocale });
  const started = Date.now();
  const proactiveAdapters = new Map<string, NonNullable<ProactiveOptions['continueConversation']>>();
  return {
    config,
    logger,
    metrics,
    redis: connection?.client ?? null,
    storage,
    knowledge,
    served,
    i18n,
    dossiers,
    state,
    bot,
    logic: (context) => bot.run(context),
    attach: (adapter, proactive) => {
      adapter.use(meter, gate, runner);
      adapter.onTurnError = onTurnError;
      const open = proactive?.continueConversation ?? ((reference, logic) => adapter.continueConversation(reference, logic));
      for (const channel of proactive?.channels ?? []) proactiveAdapters.set(channel, open);
      return adapter;
    },
    proactive: async (reference, write) => {
      const open = proactiveAdapters.get(reference.channelId ?? '') ?? proactiveAdapters.get('*');
      if (!open) throw new Error(`no adapter sends proactive messages on channel "${reference.channelId}"`);
      await open(reference, async (context) => write(turnOf(context)));
    },
    turns: {
      get inFlight() {
        return gate.turnsInFlight;
      },
      drain: (deadlineMs) => gate.drain(deadlineMs),
    },
    health: () => ({
      version,
      knowledge: { version: served.kb.version, entries: served.kb.entries.length, loadedAt: served.kb.loadedAt.toISOString(), reloadError: knowledge.reloadError },
      storage: storage.kind,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      pid: process.pid,
    }),
    readiness: connection ? [{ name: 'redis', check: () => connection.ping() }] : [],
    questionLog,
    replicated: connection ? replicationWait(connection.client, logger) : async () => undefined,
    close: async () => {
      if (!options.knowledge) knowledge.close();
      await dossiers.close();
      await staffEvents.settle();
      await questionLog.close();
      await connection?.close();
    },
  };
}

/** The knowledge store; a failure to open it closes the Redis connection opened just before. */
function openKnowledge(config: Config, logger: Logger, connection: RedisConnection | null, metrics: BotMetrics): KnowledgeStore {
  try {
    return KnowledgeStore.open(config.kbDir, { logger, onReload: (outcome) => metrics.knowledgeReloaded(outcome) });
  } catch (error) {
    void connection?.close();
    throw error;
  }
}
