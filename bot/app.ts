import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import { MainDialog } from '../dialogs/mainDialog';
import { BotState } from './botState';
import type { Config } from './config';
import { createI18n, I18n } from './i18n';
import type { Logger } from './logger';
import { createStorage, StorageHandle } from './storage/createStorage';
import { ThuTucBot } from './thuTucBot';
import { createTurnErrorHandler } from './turnErrorHandler';

/** The channel-neutral bot and everything it stands on, built in dependency order. */
export interface Runtime {
  bot: ThuTucBot;
  state: BotState;
  storage: StorageHandle;
  i18n: I18n;
  onTurnError: ReturnType<typeof createTurnErrorHandler>;
  close(): Promise<void>;
}

export async function buildRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const storage = createStorage({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    conversationTtlSeconds: config.conversationTtlSeconds,
    userTtlSeconds: config.userTtlSeconds,
    logger,
  });
  const i18n = createI18n(config.defaultLocale);
  const state = new BotState(storage.storage);
  const rootDialog = new MainDialog({ i18n, state, logger });
  const bot = new ThuTucBot({ state, rootDialog, i18n, logger, defaultLocale: config.defaultLocale });
  const onTurnError = createTurnErrorHandler({ state, i18n, logger });
  return {
    bot,
    state,
    storage,
    i18n,
    onTurnError,
    close: async () => storage.close(),
  };
}

/** The Bot Framework adapter: with no MicrosoftAppId it accepts the Emulator's unauthenticated local traffic. */
export function createCloudAdapter(config: Config, runtime: Runtime): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.microsoftApp.id,
    MicrosoftAppPassword: config.microsoftApp.password,
    MicrosoftAppType: config.microsoftApp.type,
    MicrosoftAppTenantId: config.microsoftApp.tenantId,
  });
  const adapter = new CloudAdapter(createBotFrameworkAuthenticationFromConfiguration(null, credentials));
  adapter.onTurnError = runtime.onTurnError;
  return adapter;
}
