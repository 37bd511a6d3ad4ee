import { Redis } from 'ioredis';
import type restify from 'restify';
import { REDIS_CLIENT_OPTIONS } from '../storage/createStorage';
import type { PlatformChannel, PlatformRuntime } from './delivery/platformChannel';
import { createMessengerChannel } from './messenger/messengerChannel';
import { createZaloChannel } from './zalo/zaloChannel';

/** The chat-platform channels whose variables are set (Zalo OA, Messenger), in a fixed order. */
export function createPlatformChannels(runtime: PlatformRuntime): PlatformChannel[] {
  return [createZaloChannel(runtime), createMessengerChannel(runtime)].filter((channel): channel is PlatformChannel => channel !== null);
}

/** Mounts every channel's routes on the server. */
export function mountChannelRoutes(server: restify.Server, channels: PlatformChannel[]): void {
  for (const channel of channels) {
    for (const route of channel.routes) server[route.method](route.path, route.handler);
  }
}

/**
 * A fail-fast Redis client for the channels' queues and store, until the core shares one client per instance
 * (then this goes, and runtime.redis is passed instead).
 */
export function createChannelRedis(redisUrl: string | undefined): Redis | null {
  if (!redisUrl) return null;
  const client = new Redis(redisUrl, { ...REDIS_CLIENT_OPTIONS });
  client.on('error', () => undefined);
  return client;
}
