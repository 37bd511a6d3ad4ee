import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';
import type { StoreAvailability } from './availability';
import { PatientRedis } from './patientRedis';
import { describeRedisTarget, parseRedisUrl, redisOptionsFor } from './redisTarget';

/**
 * The one Redis connection of an instance: storage, the turn lock, and (in channel modules) queues, dedupe and
 * rate limits all share it. `client` is null-free: without REDIS_URL there is no connection at all.
 */
export interface RedisConnection extends StoreAvailability {
  client: Redis;
  /** Resolves when Redis answers; rejects with a short reason within about a second otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How long ping() waits for a connection that is being (re)established. */
const READY_WAIT_MS = 1000;

/** How long ioredis waits for a socket it disconnects to close before destroying it. */
const DISCONNECT_TIMEOUT_MS = 200;

/**
 * Client settings for a bot turn that must not hang while Redis is away: the turn fails at once, the turn error
 * handler apologises, and the client keeps reconnecting in the background.
 */
export const REDIS_CLIENT_OPTIONS: Readonly<RedisOptions> = {
  // No queue while disconnected: a command fails at once instead of waiting for a reconnection.
  enableOfflineQueue: false,
  // Commands in flight when the connection drops fail at the drop, and are not replayed later after the
  // caller has already given up and the user has been told.
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  // A half-open connection (host gone, no RST) would otherwise hang a command until TCP gives up. Both timeouts
  // are patient with a busy event loop (bot/storage/patientRedis.ts).
  commandTimeout: 1000,
  connectTimeout: 1000,
  // Only used by close() below, after QUIT: there is no reason to wait long for a socket to finish.
  disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  // Reconnect forever, at most every 2 s.
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
};

/**
 * A client for REDIS_URL, one Redis or a Sentinel group (bot/storage/redisTarget.ts), with the fail-fast settings
 * above unless overridden: every part that needs a connection of its own (queue workers, tools) makes it here (or
 * duplicates one made here), so a Sentinel URL works everywhere and no timeout mistakes a busy loop for an outage.
 */
export function createRedisClient(redisUrl: string, overrides: RedisOptions = {}): Redis {
  const settings = { ...REDIS_CLIENT_OPTIONS, ...overrides };
  const { url, options } = redisOptionsFor(parseRedisUrl(redisUrl), settings);
  return new PatientRedis(url, options, { connectTimeoutMs: settings.connectTimeout ?? 0, commandTimeoutMs: settings.commandTimeout ?? 0 });
}

/**
 * The instance's own connection batches: every command issued while the event loop is busy with one round of I/O
 * (the turns in flight taking the turn lock, reading and saving state, releasing the lock) leaves in one socket
 * write, and their answers come back in a few reads, instead of one write system call per command, which was the
 * largest single cost of a turn under load. Each command keeps its own answer, error and timeout; order on the
 * connection is kept. Connections made from it (queue workers, subscribers) do not batch (bot/storage/patientRedis.ts).
 */
export const INSTANCE_CLIENT_OPTIONS: Readonly<RedisOptions> = { enableAutoPipelining: true };

/** Opens the instance's Redis connection; it connects in the background and reconnects forever. */
export function createRedisConnection(redisUrl: string, logger: Logger): RedisConnection {
  const client = createRedisClient(redisUrl, INSTANCE_CLIENT_OPTIONS);
  const connection = watchConnection(client, logger, describeRedisTarget(parseRedisUrl(redisUrl)));
  return {
    client,
    waitReady: (budgetMs) => waitAvailable(client, connection, budgetMs),
    ping: () => (connection.closing ? Promise.reject(new Error('Redis connection is closed')) : pingRedis(client)),
    close: async () => {
      connection.closing = true;
      await closeClient(client);
    },
  };
}

/**
 * Logs a lost connection once at warn and its recovery once at info; ioredis reports every failed reconnection
 * attempt, and those go to debug only. An 'error' listener must exist anyway, or ioredis prints to the console.
 */
interface ConnectionState {
  closing: boolean;
  wasReady: boolean;
  down: boolean;
  /** When the connection was lost (0 while it is up). */
  downSince: number;
  lastError: string;
}

function watchConnection(client: Redis, logger: Logger, redis: string): ConnectionState {
  const state: ConnectionState = { closing: false, wasReady: false, down: false, downSince: 0, lastError: '' };
  client.on('error', (error: Error) => {
    state.lastError = error.message;
    logger.debug({ redis, err: error.message }, 'redis: connection error');
  });
  client.on('close', () => {
    if (state.closing || state.down) return;
    state.down = true;
    state.downSince = Date.now();
    const message = state.wasReady ? 'redis: connection lost; reconnecting' : 'redis: cannot connect; retrying';
    logger.warn({ redis, err: state.lastError || undefined }, message);
  });
  client.on('ready', () => {
    if (state.down) logger.info({ redis }, 'redis: connection recovered');
    else if (!state.wasReady) logger.info({ redis }, 'redis: connected');
    Object.assign(state, { wasReady: true, down: false, downSince: 0, lastError: '' });
  });
  return state;
}

/**
 * Ready now, or within what is left of `budgetMs` since the connection was lost: a turn arriving during a
 * failover waits for it, while turns arriving after the outage outlasted the budget do not wait at all.
 */
async function waitAvailable(client: Redis, state: ConnectionState, budgetMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (state.closing || client.status === 'end') return false;
  const since = state.downSince || Date.now();
  const left = since + budgetMs - Date.now();
  if (left <= 0) return false;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(client.status === 'ready'), left);
    client.on('ready', onReady);
  });
}

async function pingRedis(client: Redis): Promise<void> {
  await waitForReady(client, READY_WAIT_MS);
  try {
    await client.ping();
  } catch (error) {
    throw new Error(`Redis did not answer PING: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Waits for a connection in progress, failing at its first error instead of waiting out every retry. */
function waitForReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status === 'end') return Promise.reject(new Error('Redis connection is closed'));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const onError = (error: Error) => settle(new Error(`Redis unreachable: ${error.message}`));
    const timer = setTimeout(() => settle(new Error(`Redis not ready after ${timeoutMs} ms (${client.status})`)), timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
  });
}

/**
 * QUIT lets replies in flight arrive, then the socket is closed and awaited so that nothing is left open.
 * While reconnecting there is no socket, yet ioredis still arms its disconnect timer on the old, closed one
 * (redis/ioredis#1247); waiting it out keeps close() from leaving a timer behind.
 */
async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    // A failed QUIT means the connection is already going; disconnect() below finishes the job.
    await client.quit().catch(() => undefined);
  }
  if (client.status === 'end') return;
  const reconnecting = client.status === 'reconnecting';
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  client.disconnect();
  // Armed after disconnect() so that it fires after ioredis's timer of the same length.
  await (reconnecting ? new Promise<void>((resolve) => setTimeout(resolve, DISCONNECT_TIMEOUT_MS)) : ended);
}
