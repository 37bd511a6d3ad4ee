import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseEnv } from 'node:util';
import path from 'node:path';
import type { Locale } from './knowledge/types';
import { DOSSIER_FIELDS, DOSSIER_STATUSES, DossierField, DossierStatus } from './dossiers/dossier';
import { CodePatternError, DossierCodeReader } from './dossiers/dossierCode';
import type { DossierOptions } from './dossiers/createDossiers';
import { JsonPath, JsonPathError } from './dossiers/jsonPath';
import { ConnectorOptions, PORTAL_STATUSES } from './dossiers/upstreamConnector';
import { parseRedisUrl } from './storage/redisTarget';

/** Everything the process reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  redisUrl?: string;
  redisPrefix: string;
  conversationTtlSeconds: number;
  userTtlSeconds: number;
  kbDir: string;
  kbWatch: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  defaultLocale: Locale;
  /** Processes serving the port (Node cluster), each a full instance sharing Redis. */
  workers: number;
  /** The unanswered-question log for staff: a file when there is no Redis, and how long entries are kept. */
  questionLog: { file: string; days: number };
  /** How long a turn waits for Redis to come back (restart, failover) before answering without state. */
  redisWaitMs: number;
  microsoftApp: {
    id: string;
    password: string;
    type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string;
  };
  dossiers: DossierOptions;
  /** Zalo Official Account: on only when its whole set of variables is given (issue 9). */
  zalo?: ZaloConfig;
  /** Facebook Messenger: on only when its whole set of variables is given (issue 9). */
  messenger?: MessengerConfig;
  /** The chat platforms' durable path: queues, workers, rate limit (issue 9). */
  channelQueues: ChannelQueueConfig;
  webChat: WebChatConfig;
  /** GET /metrics: METRICS_TOKEN (bearer) when set; empty = loopback and private addresses only, never proxied. */
  metrics: { token: string };
}

/** The web chat: our own Direct Line 3.0 endpoint and the chat bubble (bot/channels/directLine). */
export interface WebChatConfig {
  /** HMAC key of Direct Line tokens and the secret for POST /tokens/generate; empty = random per start. */
  directLineSecret: string;
  /** Origins (scheme://host[:port]) whose pages may call Direct Line; empty = same origin and localhost; '*' = any. */
  allowedOrigins: string[];
  /** How long a conversation's activities are kept after its last activity. */
  historyTtlSeconds: number;
  /** Posts a conversation may make per minute (buttons and typed messages alike). */
  postsPerMinute: number;
}

// --- Chat platform channels (issue 9) -------------------------------------------------------------------------

export interface ZaloConfig {
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  accessToken: string;
  refreshToken: string;
  apiBase: string;
  oauthBase: string;
}

export interface MessengerConfig {
  appSecret: string;
  verifyToken: string;
  pageToken: string;
  apiBase: string;
  apiVersion: string;
}

export interface ChannelQueueConfig {
  /** Shards of each queue: each runs one job at a time across all instances (order per user). */
  shards: number;
  /** Lease of a running job: a killed worker's job is taken up again after about twice this. */
  lockSeconds: number;
  /** Messages one sender may send per minute before the polite "slow down". */
  ratePerMinute: number;
  /** false: this process only answers webhooks and queues; other processes run the turns and sends. */
  workers: boolean;
  /** Tries of one send before it becomes a dead letter, and the first wait between them (doubled each time). */
  sendAttempts: number;
  firstRetryMs: number;
  /** How long one call to a platform's API (a send, a token refresh) may take; a late one is retried like a network error. */
  sendTimeoutMs: number;
}

const ZALO_REQUIRED = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_ACCESS_TOKEN', 'ZALO_REFRESH_TOKEN'] as const;
const MESSENGER_REQUIRED = ['MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN', 'MESSENGER_PAGE_TOKEN'] as const;

function zaloConfig(env: Env): ZaloConfig | undefined {
  const set = completeSet(env, 'Zalo', ZALO_REQUIRED);
  if (!set) return undefined;
  return {
    appId: set.ZALO_APP_ID,
    appSecret: set.ZALO_APP_SECRET,
    oaSecretKey: set.ZALO_OA_SECRET_KEY,
    accessToken: set.ZALO_ACCESS_TOKEN,
    refreshToken: set.ZALO_REFRESH_TOKEN,
    apiBase: httpUrl(env, 'ZALO_API_BASE', 'https://openapi.zalo.me'),
    oauthBase: httpUrl(env, 'ZALO_OAUTH_BASE', 'https://oauth.zaloapp.com'),
  };
}

function messengerConfig(env: Env): MessengerConfig | undefined {
  const set = completeSet(env, 'Messenger', MESSENGER_REQUIRED);
  if (!set) return undefined;
  const apiVersion = env.MESSENGER_API_VERSION?.trim() || 'v25.0';
  if (!/^v\d+\.\d+$/.test(apiVersion)) throw new ConfigError('MESSENGER_API_VERSION', `"${apiVersion}" is not a Graph API version such as v25.0`);
  return {
    appSecret: set.MESSENGER_APP_SECRET,
    verifyToken: set.MESSENGER_VERIFY_TOKEN,
    pageToken: set.MESSENGER_PAGE_TOKEN,
    apiBase: httpUrl(env, 'MESSENGER_API_BASE', 'https://graph.facebook.com'),
    apiVersion,
  };
}

function channelQueueConfig(env: Env): ChannelQueueConfig {
  return {
    shards: integer(env, 'CHANNEL_QUEUE_SHARDS', 4, 1, 64),
    lockSeconds: integer(env, 'CHANNEL_QUEUE_LOCK_SECONDS', 15, 1, 300),
    ratePerMinute: integer(env, 'CHANNEL_RATE_LIMIT_PER_MINUTE', 20, 1, 10_000),
    workers: boolean(env, 'CHANNEL_WORKERS', true),
    sendAttempts: integer(env, 'CHANNEL_SEND_ATTEMPTS', 7, 1, 20),
    firstRetryMs: integer(env, 'CHANNEL_SEND_FIRST_RETRY_MS', 1000, 1, 60_000),
    sendTimeoutMs: integer(env, 'CHANNEL_SEND_TIMEOUT_MS', 10_000, 100, 60_000),
  };
}

/** All of the names set → their values; none → undefined; some → a ConfigError naming what is missing. */
function completeSet<N extends string>(env: Env, channel: string, names: readonly N[]): Record<N, string> | undefined {
  const present = names.filter((name) => env[name]?.trim());
  if (present.length === 0) return undefined;
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new ConfigError(missing[0], `${channel} is half configured: ${present.join(', ')} set, but ${missing.join(', ')} missing (set all of them, or none to leave ${channel} off)`);
  }
  return Object.fromEntries(names.map((name) => [name, (env[name] as string).trim()])) as Record<N, string>;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(name, `"${url.protocol}" is not http: or https:`);
  return raw.replace(/\/+$/, '');
}

// --------------------------------------------------------------------------------------------------------------

/** A configuration value that cannot be used; its message names the variable and the fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads `.env` from the working directory when present; real environment variables win over it. */
export function loadDotEnv(file = path.resolve('.env'), env: Env = process.env): void {
  if (!existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[name] === undefined) env[name] = value;
  }
}

/** Turns environment variables into a Config, or throws a ConfigError for the first unusable value. */
export function readConfig(env: Env = process.env): Config {
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    redisUrl: redisUrl(env),
    redisPrefix: env.REDIS_PREFIX ?? 'ttb:',
    conversationTtlSeconds: integer(env, 'CONVERSATION_TTL_SECONDS', 86_400, 60, 31_536_000),
    userTtlSeconds: integer(env, 'USER_TTL_SECONDS', 2_592_000, 60, 31_536_000),
    kbDir: path.resolve(env.KB_DIR?.trim() || 'knowledge'),
    kbWatch: boolean(env, 'KB_WATCH', true),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', ['vi', 'en'] as const, 'vi'),
    workers: workers(env),
    questionLog: {
      file: path.resolve(env.QUESTION_LOG_FILE?.trim() || path.join('data', 'questions.jsonl')),
      days: integer(env, 'QUESTION_LOG_DAYS', 90, 1, 3650),
    },
    redisWaitMs: integer(env, 'REDIS_WAIT_MS', 3000, 0, 10_000),
    microsoftApp: {
      id: env.MicrosoftAppId?.trim() ?? '',
      password: env.MicrosoftAppPassword ?? '',
      type: oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant'),
      tenantId: env.MicrosoftAppTenantId?.trim() ?? '',
    },
    dossiers: dossierOptions(env),
    zalo: zaloConfig(env),
    messenger: messengerConfig(env),
    channelQueues: channelQueueConfig(env),
    webChat: readWebChatConfig(env),
    metrics: { token: secretToken(env, 'METRICS_TOKEN') },
  };
}

function readWebChatConfig(env: Env): WebChatConfig {
  const secret = env.DIRECTLINE_SECRET?.trim() ?? '';
  if (secret && secret.length < 32) throw new ConfigError('DIRECTLINE_SECRET', `is ${secret.length} characters; use at least 32 random ones`);
  return {
    directLineSecret: secret,
    allowedOrigins: origins(env, 'WEBCHAT_ALLOWED_ORIGINS'),
    historyTtlSeconds: integer(env, 'DIRECTLINE_HISTORY_TTL_SECONDS', 86_400, 60, 31_536_000),
    postsPerMinute: integer(env, 'DIRECTLINE_POSTS_PER_MINUTE', 30, 1, 100_000),
  };
}

/** A comma-separated list of origins, each normalised to scheme://host[:port]; '*' stands alone. */
function origins(env: Env, name: string): string[] {
  const items = (env[name] ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  if (items.includes('*')) return ['*'];
  return items.map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new ConfigError(name, `"${item}" is not an origin (expected https://host or http://host:port)`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.length > 1 || url.search) {
      throw new ConfigError(name, `"${item}" is not an origin (expected https://host or http://host:port, no path)`);
    }
    return url.origin;
  });
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `"${env[name]}" is not true or false`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const match = allowed.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
  return match;
}

function redisUrl(env: Env): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return undefined;
  try {
    parseRedisUrl(raw);
  } catch (error) {
    throw new ConfigError('REDIS_URL', (error as Error).message);
  }
  return raw;
}

// ---- Dossier status (issue 11): the push API, the upstream connector, abuse limits, notifications ----

function dossierOptions(env: Env): DossierOptions {
  return {
    codePatterns: codePatterns(env),
    pushToken: pushToken(env),
    connector: connectorOptions(env),
    pollIntervalSeconds: integer(env, 'DOSSIER_POLL_INTERVAL_SECONDS', 900, 0, 86_400),
    limits: {
      perUserPerHour: integer(env, 'DOSSIER_LOOKUPS_PER_USER_PER_HOUR', 10, 1, 10_000),
      perCodePerHour: integer(env, 'DOSSIER_LOOKUPS_PER_CODE_PER_HOUR', 30, 1, 10_000),
    },
    secondFactor: {
      attempts: integer(env, 'DOSSIER_FACTOR_ATTEMPTS', 3, 1, 10),
      lockSeconds: integer(env, 'DOSSIER_FACTOR_LOCK_SECONDS', 3600, 60, 86_400),
    },
    lookupFloorMs: integer(env, 'DOSSIER_LOOKUP_FLOOR_MS', 700, 0, 10_000),
    subscriptionDays: integer(env, 'DOSSIER_SUBSCRIPTION_DAYS', 90, 1, 365),
    retentionDays: integer(env, 'DOSSIER_RETENTION_DAYS', 365, 0, 3650),
    notifyIntervalMs: integer(env, 'DOSSIER_NOTIFY_INTERVAL_MS', 2000, 100, 60_000),
  };
}

/** DOSSIER_CODE_PATTERNS: whitespace-separated regular expressions (a ConfigError names a bad one). */
export function codePatterns(env: Env): string[] {
  const patterns = (env.DOSSIER_CODE_PATTERNS ?? '').split(/\s+/).filter(Boolean);
  try {
    new DossierCodeReader(patterns);
  } catch (error) {
    if (error instanceof CodePatternError) throw new ConfigError('DOSSIER_CODE_PATTERNS', error.message);
    throw error;
  }
  return patterns;
}

function pushToken(env: Env): string {
  return secretToken(env, 'DOSSIER_PUSH_TOKEN');
}

/** A bearer token of ours: empty, or at least 16 characters without spaces. */
function secretToken(env: Env, name: string): string {
  const token = env[name]?.trim() ?? '';
  if (token && (token.length < 16 || /\s/.test(token))) {
    throw new ConfigError(name, 'use at least 16 characters without spaces (e.g. openssl rand -hex 24)');
  }
  return token;
}

function connectorOptions(env: Env): ConnectorOptions | null {
  const url = env.DOSSIER_API_URL?.trim();
  if (!url) return null;
  if (!url.includes('{code}')) throw new ConfigError('DOSSIER_API_URL', 'must contain {code} where the dossier code goes');
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{code\}/g, 'x'));
  } catch {
    throw new ConfigError('DOSSIER_API_URL', `"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError('DOSSIER_API_URL', 'must be http: or https:');
  return {
    urlTemplate: url,
    headers: stringMap(env, 'DOSSIER_API_HEADERS', {}),
    fields: apiFields(env),
    statuses: apiStatuses(env),
    timeoutMs: integer(env, 'DOSSIER_API_TIMEOUT_MS', 3000, 100, 30_000),
    retries: integer(env, 'DOSSIER_API_RETRIES', 2, 0, 5),
    breaker: {
      failures: integer(env, 'DOSSIER_API_BREAKER_FAILURES', 5, 1, 100),
      resetMs: integer(env, 'DOSSIER_API_BREAKER_RESET_SECONDS', 30, 1, 3600) * 1000,
    },
    cacheTtlSeconds: integer(env, 'DOSSIER_CACHE_TTL_SECONDS', 300, 0, 86_400),
  };
}

/** Field → JSON path; by default each field is read at its own name. */
function apiFields(env: Env): Partial<Record<DossierField, string>> {
  const identity = Object.fromEntries(DOSSIER_FIELDS.map((field) => [field, field]));
  const fields = stringMap(env, 'DOSSIER_API_FIELDS', identity);
  for (const [field, path] of Object.entries(fields)) {
    if (!(DOSSIER_FIELDS as readonly string[]).includes(field)) {
      throw new ConfigError('DOSSIER_API_FIELDS', `"${field}" is not a dossier field (${DOSSIER_FIELDS.join(', ')})`);
    }
    try {
      JsonPath.parse(path);
    } catch (error) {
      if (error instanceof JsonPathError) throw new ConfigError('DOSSIER_API_FIELDS', `${field}: ${error.message}`);
      throw error;
    }
  }
  if (!fields.status) throw new ConfigError('DOSSIER_API_FIELDS', 'needs a path for "status"');
  return fields;
}

/** Their status code → ours; by default the national portal's codes 1-10. */
function apiStatuses(env: Env): Record<string, DossierStatus> {
  const table = stringMap(env, 'DOSSIER_API_STATUSES', { ...PORTAL_STATUSES });
  for (const [theirs, ours] of Object.entries(table)) {
    if (!(DOSSIER_STATUSES as readonly string[]).includes(ours)) {
      throw new ConfigError('DOSSIER_API_STATUSES', `"${theirs}": "${ours}" is not one of ${DOSSIER_STATUSES.join(', ')}`);
    }
  }
  return table as Record<string, DossierStatus>;
}

/** A JSON object whose values are all text. */
function stringMap(env: Env, name: string, fallback: Record<string, string>): Record<string, string> {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(name, `is not JSON (${(error as Error).message}); expected an object like {"Name": "value"}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new ConfigError(name, 'must be a JSON object whose values are all text');
  }
  return value as Record<string, string>;
}

/**
 * WORKERS: a number, or "auto" (the default) = one per core with Redis, one without: memory state is not shared
 * between processes, so several need REDIS_URL.
 */
function workers(env: Env): number {
  const raw = env.WORKERS?.trim().toLowerCase();
  const redis = Boolean(env.REDIS_URL?.trim());
  if (!raw || raw === 'auto') return redis ? availableParallelism() : 1;
  const count = integer(env, 'WORKERS', 1, 1, 64);
  if (count > 1 && !redis) throw new ConfigError('WORKERS', `${count} processes need REDIS_URL: without Redis each would keep its own state`);
  return count;
}
