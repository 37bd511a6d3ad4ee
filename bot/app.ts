import {
  AutoSaveStateMiddleware,
  BotAdapter,
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import { MainDialog } from '../dialogs/mainDialog';
import { welcomeOnJoin } from '../dialogs/menu';
import type { DialogServices } from '../dialogs/services';
import { BotState } from './botState';
import type { Config } from './config';
import { LogEventRecorder } from './eventLog';
import { createI18n, I18n } from './i18n';
import { createServer } from './server';
import type restify from 'restify';
import { version } from '../package.json';
import { KnowledgeStore } from './knowledge/knowledgeStore';
import type { Logger } from './logger';
import { ServedKnowledgePair } from './servedKnowledge';
import { createStorage, StorageHandle } from './storage/createStorage';
import { ThuTucBot } from './thuTucBot';
import { TurnSetup } from './turnSetup';
import { createTurnErrorHandler } from './turnErrorHandler';

/** The channel-neutral bot and everything it stands on, built in dependency order. */
export interface Runtime {
  bot: ThuTucBot;
  state: BotState;
  storage: StorageHandle;
  knowledge: KnowledgeStore;
  served: ServedKnowledgePair;
  i18n: I18n;
  onTurnError: ReturnType<typeof createTurnErrorHandler>;
  /** Gives an adapter the shared middleware (turn setup, state saving) and the error handler. */
  attach<A extends BotAdapter>(adapter: A): A;
  close(): Promise<void>;
}

/** Throws KnowledgeLoadError when the knowledge folder has errors: there is nothing good to serve. */
export function buildRuntime(config: Config, logger: Logger, options: { watch?: boolean } = {}): Runtime {
  const knowledge = KnowledgeStore.open(config.kbDir, { logger });
  const served = new ServedKnowledgePair(knowledge, logger);
  if (options.watch ?? config.kbWatch) knowledge.watch();
  const storage = createStorage({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    conversationTtlSeconds: config.conversationTtlSeconds,
    userTtlSeconds: config.userTtlSeconds,
    logger,
  });
  const i18n = createI18n(config.defaultLocale);
  const state = new BotState(storage.storage);
  const services: DialogServices = {
    i18n,
    state,
    logger,
    knowledge: served,
    events: new LogEventRecorder(logger),
    retention: {
      conversationHours: Math.round(config.conversationTtlSeconds / 3600),
      userDays: Math.round(config.userTtlSeconds / 86400),
    },
  };
  const bot = new ThuTucBot({
    state,
    rootDialog: new MainDialog(services),
    welcome: (context) => welcomeOnJoin(context, services),
  });
  const onTurnError = createTurnErrorHandler({ state, i18n, logger });
  const attach = <A extends BotAdapter>(adapter: A): A => {
    adapter.use(new TurnSetup(state, config.defaultLocale), new AutoSaveStateMiddleware(state.conversation, state.user));
    adapter.onTurnError = onTurnError;
    return adapter;
  };
  const close = async () => {
    knowledge.close();
    await storage.close();
  };
  return { bot, state, storage, knowledge, served, i18n, onTurnError, attach, close };
}

/** The Bot Framework adapter: with no MicrosoftAppId it accepts the Emulator's unauthenticated local traffic. */
export function createCloudAdapter(config: Config, runtime: Runtime): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.microsoftApp.id,
    MicrosoftAppPassword: config.microsoftApp.password,
    MicrosoftAppType: config.microsoftApp.type,
    MicrosoftAppTenantId: config.microsoftApp.tenantId,
  });
  return runtime.attach(new CloudAdapter(createBotFrameworkAuthenticationFromConfiguration(null, credentials)));
}

/** The HTTP server around the runtime: Bot Framework messages, health, readiness. Not listening yet. */
export function buildServer(config: Config, logger: Logger): { server: restify.Server; runtime: Runtime } {
  const runtime = buildRuntime(config, logger);
  const adapter = createCloudAdapter(config, runtime);
  const started = Date.now();
  const server = createServer({
    adapter,
    logic: (context) => runtime.bot.run(context),
    logger,
    health: () => ({
      version,
      knowledge: {
        version: runtime.served.kb.version,
        entries: runtime.served.kb.entries.length,
        loadedAt: runtime.served.kb.loadedAt.toISOString(),
      },
      storage: runtime.storage.kind,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    }),
    readiness: runtime.storage.kind === 'redis' ? [{ name: 'redis', check: () => runtime.storage.ping() }] : [],
  });
  return { server, runtime };
}
