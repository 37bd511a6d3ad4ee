import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import path from 'node:path';
import type { Locale } from './knowledge/types';

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
  microsoftApp: {
    id: string;
    password: string;
    type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string;
  };
}

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
    microsoftApp: {
      id: env.MicrosoftAppId?.trim() ?? '',
      password: env.MicrosoftAppPassword ?? '',
      type: oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'MultiTenant'),
      tenantId: env.MicrosoftAppTenantId?.trim() ?? '',
    },
  };
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
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', `"${raw}" is not a URL (expected redis://host:port)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `"${url.protocol}" is not redis: or rediss:`);
  }
  return raw;
}
