import { Intake } from '../delivery/intake';
import { Outbox } from '../delivery/outbox';
import { channelSay, deliveryFor, retryFor, PlatformChannel, PlatformRuntime, startWorkers, WEBHOOK_MAX_BYTES } from '../delivery/platformChannel';
import { webhookHandler } from '../delivery/webhookRoute';
import { ZaloAdapter } from './zaloAdapter';
import { ZaloApi } from './zaloApi';
import { parseZaloEvents } from './zaloEvents';
import { ZaloSender } from './zaloSender';
import { verifyZaloSignature } from './zaloSignature';
import { ZaloTokens } from './zaloTokens';

/**
 * The Zalo OA channel: `POST /api/zalo` (signed webhook → inbound queue → 200), the worker that runs turns, and
 * the outbox that sends replies through the OA API. Null when the ZALO_* variables are not set.
 */
export function createZaloChannel(runtime: PlatformRuntime): PlatformChannel | null {
  const config = runtime.config.zalo;
  if (!config) return null;
  const logger = runtime.logger.child({ channel: 'zalo' });
  const delivery = deliveryFor('zalo', runtime);
  const api = new ZaloApi({ ...config, timeoutMs: runtime.config.channelQueues.sendTimeoutMs });
  const tokens = new ZaloTokens({ store: delivery.store, api, initial: config, logger });
  const outbox = new Outbox({ queue: delivery.outbound, store: delivery.store, sender: new ZaloSender(api, tokens, logger), logger, retry: retryFor(runtime), metrics: runtime.metrics?.delivery });
  const intake = new Intake({ queue: delivery.inbound, store: delivery.store, logger, perSenderPerMinute: runtime.config.channelQueues.ratePerMinute, durable: runtime.replicated });
  // Registered for 'zalo' so that runtime.proactive (notifications) sends through this adapter and its outbox.
  const adapter = runtime.attach(new ZaloAdapter({ inbound: delivery.inbound, outbox, logic: runtime.logic, say: channelSay, logger, durable: runtime.replicated }), { channels: ['zalo'] });
  const keys = [
    { name: 'ZALO_OA_SECRET_KEY', value: config.oaSecretKey },
    { name: 'ZALO_APP_SECRET', value: config.appSecret },
  ];
  const handler = webhookHandler({
    channel: 'zalo',
    maxBytes: WEBHOOK_MAX_BYTES,
    verify: (raw, body, headers) => verifyZaloSignature(headers['x-zevent-signature'], raw, body, keys),
    parse: parseZaloEvents,
    intake,
    logger,
  });
  const stopStarting = startWorkers('zalo', adapter, runtime);
  if (runtime.config.channelQueues.workers) tokens.startBackgroundRefresh();
  logger.info({ queue: delivery.kind, apiBase: config.apiBase }, 'zalo: channel on at POST /api/zalo');
  return {
    name: 'zalo',
    routes: [{ method: 'post', path: '/api/zalo', handler }],
    health: () => ({ name: 'zalo', webhook: '/api/zalo', queue: delivery.kind }),
    close: async () => {
      stopStarting();
      tokens.stop();
      await delivery.close();
    },
    adapter,
    delivery,
  };
}
