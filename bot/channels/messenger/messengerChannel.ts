import type restify from 'restify';
import { Intake } from '../delivery/intake';
import { Outbox } from '../delivery/outbox';
import { channelSay, deliveryFor, retryFor, PlatformChannel, PlatformRuntime, startWorkers, WEBHOOK_MAX_BYTES } from '../delivery/platformChannel';
import { refusedBecause } from '../../refusal';
import { webhookHandler } from '../delivery/webhookRoute';
import { GraphApi } from './graphApi';
import { MessengerAdapter } from './messengerAdapter';
import { parseMessengerEvents } from './messengerEvents';
import { MessengerSender } from './messengerSender';
import { sameSecret, verifyMessengerSignature } from './messengerSignature';

/**
 * The Messenger channel: `GET /api/messenger` (the subscription handshake), `POST /api/messenger` (signed webhook
 * → inbound queue → 200), the worker that runs turns, and the outbox that sends through the Send API. Null when
 * the MESSENGER_* variables are not set.
 */
export function createMessengerChannel(runtime: PlatformRuntime): PlatformChannel | null {
  const config = runtime.config.messenger;
  if (!config) return null;
  const logger = runtime.logger.child({ channel: 'facebook' });
  const delivery = deliveryFor('facebook', runtime);
  const api = new GraphApi({ ...config, timeoutMs: runtime.config.channelQueues.sendTimeoutMs });
  const outbox = new Outbox({ queue: delivery.outbound, store: delivery.store, sender: new MessengerSender(api), logger, retry: retryFor(runtime), metrics: runtime.metrics?.delivery });
  const intake = new Intake({ queue: delivery.inbound, store: delivery.store, logger, perSenderPerMinute: runtime.config.channelQueues.ratePerMinute, durable: runtime.replicated });
  const adapter = runtime.attach(
    new MessengerAdapter({ inbound: delivery.inbound, outbox, logic: runtime.logic, say: channelSay, logger, durable: runtime.replicated }, api),
    { channels: ['facebook'] },
  );
  const post = webhookHandler({
    channel: 'facebook',
    maxBytes: WEBHOOK_MAX_BYTES,
    verify: (raw, _body, headers) => verifyMessengerSignature(headers['x-hub-signature-256'], raw, config.appSecret),
    parse: parseMessengerEvents,
    intake,
    logger,
  });
  const stopStarting = startWorkers('facebook', adapter, runtime);
  logger.info({ queue: delivery.kind, apiVersion: config.apiVersion }, 'messenger: channel on at GET/POST /api/messenger');
  return {
    name: 'messenger',
    routes: [
      { method: 'get', path: '/api/messenger', handler: async (req, res) => verifySubscription(req, res, config.verifyToken, logger) },
      { method: 'post', path: '/api/messenger', handler: post },
    ],
    health: () => ({ name: 'messenger', webhook: '/api/messenger', queue: delivery.kind, apiVersion: config.apiVersion }),
    close: async () => {
      stopStarting();
      await delivery.close();
    },
    adapter,
    delivery,
  };
}

/** hub.mode=subscribe with our verify token → 200 and the challenge as the whole body; anything else → 403. */
function verifySubscription(req: restify.Request, res: restify.Response, verifyToken: string, logger: PlatformRuntime['logger']): void {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode === 'subscribe' && typeof token === 'string' && sameSecret(token, verifyToken) && typeof challenge === 'string') {
    logger.info('messenger: webhook subscription verified');
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.sendRaw(200, challenge);
    return;
  }
  logger.warn({ mode: typeof mode === 'string' ? mode.slice(0, 20) : undefined }, 'messenger: subscription check refused (wrong hub.verify_token or mode)');
  refusedBecause(res, 'verify_token');
  res.json(403, { error: 'verification failed' });
}
