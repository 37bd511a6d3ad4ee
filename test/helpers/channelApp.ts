import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { Runtime } from '../../bot/app';
import { buildApp } from '../../bot/index';
import type { PlatformChannel } from '../../bot/channels/delivery/platformChannel';
import { readConfig } from '../../bot/config';
import { createLogger, Logger } from '../../bot/logger';
import { FakePlatform, MESSENGER_ENV, startFakeGraph, startFakeZalo, ZALO_ENV } from './fakePlatforms';
import { FROZEN_KB } from './paths';

export interface ChannelApp {
  base: string;
  server: restify.Server;
  runtime: Runtime;
  channels: PlatformChannel[];
  zalo: FakePlatform & { currentToken(): string };
  graph: FakePlatform;
  /** Every log line written, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The whole server in this process with Zalo and Messenger on, their API bases pointing at fake platforms on
 * loopback, fast send retries, and the frozen knowledge base. `env` adds or overrides variables (REDIS_URL...);
 * `shared` fakes let two instances talk to the same platforms (the caller closes them).
 */
export async function startChannelApp(
  env: Record<string, string> = {},
  shared?: { zalo: ChannelApp['zalo']; graph: FakePlatform },
): Promise<ChannelApp> {
  const zalo = shared?.zalo ?? (await startFakeZalo());
  const graph = shared?.graph ?? (await startFakeGraph());
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = createLogger('debug', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const config = readConfig({
    KB_DIR: FROZEN_KB,
    KB_WATCH: 'false',
    ...ZALO_ENV,
    ZALO_API_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    ...MESSENGER_ENV,
    MESSENGER_API_BASE: graph.url,
    CHANNEL_SEND_FIRST_RETRY_MS: '20',
    CHANNEL_SEND_ATTEMPTS: '4',
    ...env,
  });
  const app = buildApp(config, logger);
  const { server, runtime } = app;
  const channels = app.channels.filter((channel): channel is PlatformChannel => 'delivery' in channel);
  if (config.redisUrl) await waitForRedis(channels);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    runtime,
    channels,
    zalo,
    graph,
    logs,
    close: async () => {
      await app.stop(5000);
      if (!shared) await Promise.all([zalo.close(), graph.close()]);
    },
  };
}

/** The channels' Redis client connects in the background (as in production, where /readyz waits for it). */
async function waitForRedis(channels: PlatformChannel[]): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      await Promise.all(channels.map((channel) => channel.delivery.store.get('ping')));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Texts of the messages Zalo accepted, in order; with `id`, only those answering that message id or sent to that
 * user id.
 */
export function zaloTexts(zalo: FakePlatform, id?: string): string[] {
  return zalo
    .to('/v3.0/oa/message/cs')
    .filter((request) => (request.answered.body as { error?: number } | null)?.error === 0)
    .filter((request) => {
      const recipient = request.body.recipient as { message_id?: string; user_id?: string };
      return id === undefined || recipient.message_id === id || recipient.user_id === id;
    })
    .map((request) => String((request.body.message as { text?: string }).text ?? ''));
}

/** Texts of the messages Messenger accepted (text, or the button template's text), in order; optionally to one PSID. */
export function graphTexts(graph: FakePlatform, psid?: string): string[] {
  return graph
    .to('/v25.0/me/messages')
    .filter((request) => request.body.message && request.answered.status === 200)
    .filter((request) => psid === undefined || (request.body.recipient as { id?: string }).id === psid)
    .map((request) => {
      const message = request.body.message as { text?: string; attachment?: { payload?: { text?: string } } };
      return message.text ?? message.attachment?.payload?.text ?? '';
    });
}
