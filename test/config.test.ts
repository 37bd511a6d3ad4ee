import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadDotEnv, readConfig } from '../bot/config';

describe('readConfig', () => {
  it('has working defaults for an empty environment: memory storage, bundled knowledge, no secrets', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3978,
      redisUrl: undefined,
      kbDir: path.resolve('knowledge'),
      kbWatch: true,
      logLevel: 'info',
      defaultLocale: 'vi',
      microsoftApp: { id: '', type: 'MultiTenant' },
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '8080',
      REDIS_URL: 'redis://cache:6379/2',
      REDIS_PREFIX: 'x:',
      CONVERSATION_TTL_SECONDS: '3600',
      USER_TTL_SECONDS: '7200',
      KB_DIR: 'elsewhere',
      KB_WATCH: 'no',
      LOG_LEVEL: 'debug',
      DEFAULT_LOCALE: 'en',
      MicrosoftAppId: 'app',
      MicrosoftAppType: 'singletenant',
    });
    expect(config).toMatchObject({
      port: 8080,
      redisUrl: 'redis://cache:6379/2',
      redisPrefix: 'x:',
      conversationTtlSeconds: 3600,
      userTtlSeconds: 7200,
      kbDir: path.resolve('elsewhere'),
      kbWatch: false,
      logLevel: 'debug',
      defaultLocale: 'en',
      microsoftApp: { id: 'app', type: 'SingleTenant' },
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: "abc" is not a whole number'],
    [{ PORT: '70000' }, 'PORT: 70000 is outside 0..65535'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL: "localhost:" is not redis:, rediss: or redis+sentinel:'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL: "not a url" is not a URL (expected redis://host:port or redis+sentinel://[[user]:password@]host[:port][,host[:port]...]/<primary name>[/<db>])'],
    [{ KB_WATCH: 'maybe' }, 'KB_WATCH: "maybe" is not true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE: "fr" is not one of vi, en'],
    [{ CONVERSATION_TTL_SECONDS: '5' }, 'CONVERSATION_TTL_SECONDS: 5 is outside 60..31536000'],
  ])('refuses %p with one clear message', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe('loadDotEnv', () => {
  it('reads a .env file when present, and real variables win over it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ttb-env-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'TTB_TEST_FROM_FILE=file\nTTB_TEST_BOTH=file\n');
    const env: Record<string, string | undefined> = { TTB_TEST_BOTH: 'real' };
    loadDotEnv(file, env);
    expect(env).toEqual({ TTB_TEST_FROM_FILE: 'file', TTB_TEST_BOTH: 'real' });
  });

  it('does nothing when there is no .env file', () => {
    expect(() => loadDotEnv(path.join(os.tmpdir(), 'no-such-dir', '.env'))).not.toThrow();
  });
});
