import type { Runtime } from '../../app';
import type { ChannelModule } from '../channelModule';
import { type ConversationHistory, MemoryConversationHistory } from './conversationHistory';
import { ConversationStreams } from './conversationStreams';
import { DirectLineAdapter, WEBCHAT_CHANNEL_ID } from './directLineAdapter';
import { directLineRoutes } from './directLineRoutes';
import { OriginPolicy } from './originPolicy';
import { PostLimiter } from './postLimiter';
import { RedisConversationHistory } from './redisConversationHistory';
import { DirectLineTokens } from './tokens';
import { createWebChatPages } from './webChatPages';

export interface WebChatChannel extends ChannelModule {
  adapter: DirectLineAdapter;
}

/**
 * The web chat: our Direct Line 3.0 endpoint, its WebSocket streams, the bubble and the demo page. Always on:
 * with no setting at all it serves localhost pages with a random token secret, so `npm start` shows it working.
 */
export function createWebChatChannel(runtime: Runtime): WebChatChannel {
  const { logger, redis } = runtime;
  const config = runtime.config.webChat;
  const prefix = runtime.config.redisPrefix;
  if (!config.directLineSecret) {
    const note = redis ? ': tokens from one instance are refused by the others; set DIRECTLINE_SECRET' : '';
    logger[redis ? 'warn' : 'info'](`webchat: no DIRECTLINE_SECRET, using a random one for this process${note}`);
  }
  const tokens = new DirectLineTokens(config.directLineSecret || DirectLineTokens.randomSecret());
  const history: ConversationHistory = redis
    ? new RedisConversationHistory({ client: redis, prefix, ttlSeconds: config.historyTtlSeconds, logger })
    : new MemoryConversationHistory(config.historyTtlSeconds);
  const origins = new OriginPolicy(config.allowedOrigins);
  const limiter = new PostLimiter({ postsPerMinute: config.postsPerMinute, redis, prefix, logger });
  const adapter = runtime.attach(new DirectLineAdapter(history), { channels: [WEBCHAT_CHANNEL_ID] });
  const streams = new ConversationStreams({ history, tokens, origins, logger });
  const pages = createWebChatPages({ i18n: runtime.i18n, defaultLocale: runtime.config.defaultLocale });
  pages.prepare().catch((error: Error) => logger.error({ err: error.message }, 'webchat: could not compress the web chat files'));
  return {
    name: 'webchat',
    routes: [...directLineRoutes({ tokens, history, origins, limiter, adapter, logic: runtime.logic, logger }), ...pages.routes],
    upgrade: (req, socket, head, refused) => streams.handleUpgrade(req, socket, head, refused),
    adapter,
    health: () => ({ history: history.kind, streams: streams.openSockets }),
    close: async () => {
      await streams.close();
      await history.close();
    },
  };
}
