import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type restify from 'restify';
import type { Runtime } from '../../bot/app';
import { buildApp, type App as BotApp } from '../../bot/index';
import { readConfig } from '../../bot/config';
import { silentLogger } from '../../bot/logger';
import { FROZEN_KB } from '../helpers/paths';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, startRedisRelay, TEST_REDIS_URL } from '../helpers/redis';

const TOKEN = 'test-push-token-0123456789';
const CODE = '000.00.20.H56-240322-0056';

interface App {
  base: string;
  server: restify.Server;
  runtime: Runtime;
  app: BotApp;
}

async function start(env: Record<string, string>): Promise<App> {
  const config = readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', DOSSIER_PUSH_TOKEN: TOKEN, ...env });
  const app = buildApp(config, silentLogger());
  const { server, runtime } = app;
  await Promise.all(runtime.readiness.map((check) => check.check()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, runtime, app };
}

async function stop(app: App): Promise<void> {
  await app.app.stop(1000);
}

async function push(app: App, body: unknown, token = TOKEN): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${app.base}/api/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const good = (code: string, status = 'processing') => ({ code, procedure: 'Đăng ký khai sinh', status, applicant: 'Nguyễn Văn An', dueAt: '2026-12-29' });

function pushTests(env: () => Record<string, string>): void {
  let app: App;
  beforeEach(async () => {
    app = await start(env());
  });
  afterEach(() => stop(app));

  it('refuses a request without the bearer token, or with a wrong one', async () => {
    const none = await fetch(`${app.base}/api/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good(CODE)) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await push(app, good(CODE), 'wrong-token-0123456789')).status).toBe(401);
    expect(await app.runtime.dossiers.registry.get(CODE)).toBeNull();
  });

  it('saves one record, and saving it again changes nothing (idempotent)', async () => {
    expect(await push(app, good(CODE))).toEqual({
      status: 200,
      body: { received: 1, saved: 1, created: 1, updated: 0, unchanged: 0, ignoredFields: [] },
    });
    expect((await push(app, good(CODE))).body).toMatchObject({ saved: 1, created: 0, unchanged: 1 });
    const stored = await app.runtime.dossiers.registry.get(CODE);
    expect(stored).toMatchObject({ code: CODE, status: 'processing', applicant: 'Ng***n V** A', version: 1, source: 'push' });
    expect((await push(app, good(CODE, 'ready'))).body).toMatchObject({ updated: 1 });
    expect(await app.runtime.dossiers.registry.get(CODE)).toMatchObject({ status: 'ready', version: 2 });
  });

  it('saves the good records of a batch and answers 400 naming every bad one', async () => {
    const batch = [
      good(CODE),
      { code: 'H56-240315-001', status: 'processing' },
      good('000.00.20.H56-240322-0057', 'ready'),
      { code: '000.00.20.H56-240322-0058', status: 'done', dueAt: 'soon' },
      'not a record',
    ];
    const reply = await push(app, { dossiers: batch });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: '3 of 5 records were not saved', received: 5, saved: 2, created: 2 });
    expect(reply.body.rejected).toEqual([
      { index: 1, code: 'H56-240315-001', problems: [expect.stringMatching(/^code: "H56-240315-001" is not a dossier code/)] },
      {
        index: 3,
        code: '000.00.20.H56-240322-0058',
        problems: [expect.stringMatching(/^status: "done" is not one of/), expect.stringMatching(/^dueAt: "soon" is not a date/)],
      },
      { index: 4, code: null, problems: [expect.stringMatching(/^a record must be a JSON object/)] },
    ]);
    expect(await app.runtime.dossiers.registry.get(CODE)).not.toBeNull();
    expect(await app.runtime.dossiers.registry.get('000.00.20.H56-240322-0057')).toMatchObject({ status: 'ready' });
    expect(await app.runtime.dossiers.registry.get('000.00.20.H56-240322-0058')).toBeNull();
  });

  it('takes a plain array too, and names fields it ignored', async () => {
    const reply = await push(app, [{ ...good(CODE), cccd: '038090001234' }]);
    expect(reply).toMatchObject({ status: 200, body: { saved: 1, ignoredFields: ['cccd'] } });
    expect(JSON.stringify(await app.runtime.dossiers.registry.get(CODE))).not.toContain('038090001234');
  });

  it('answers 400 to broken JSON, an empty batch or no JSON at all, and 413 to a batch too large', async () => {
    expect((await push(app, '{"code": ')).status).toBe(400);
    expect(await push(app, [])).toMatchObject({ status: 400, body: { error: 'the batch is empty' } });
    expect((await push(app, { dossiers: 'x' })).status).toBe(400);
    const text = await fetch(`${app.base}/api/dossiers`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(400);
    const many = Array.from({ length: 1001 }, (_, i) => good(`000.00.20.H56-240322-${String(i).padStart(4, '0')}`));
    expect((await push(app, many)).status).toBe(413);
  });
}

describe('POST /api/dossiers on memory storage', () => {
  pushTests(() => ({}));

  it('is not there when no DOSSIER_PUSH_TOKEN is configured', async () => {
    const app = await start({ DOSSIER_PUSH_TOKEN: '' });
    try {
      expect((await push(app, good(CODE))).status).toBe(404);
    } finally {
      await stop(app);
    }
  });
});

describeWithRedis('POST /api/dossiers on Redis', () => {
  let prefix = randomPrefix();
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  beforeAll(() => client.connect());
  beforeEach(() => {
    prefix = randomPrefix();
  });
  afterEach(() => deleteKeysWithPrefix(client, prefix));
  afterAll(() => client.quit());

  pushTests(() => ({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix }));

  it('keeps the record in Redis for the retention time', async () => {
    const app = await start({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, DOSSIER_RETENTION_DAYS: '30' });
    try {
      await push(app, good(CODE));
      const ttl = await client.ttl(`${prefix}dossier:record:${CODE}`);
      expect(ttl).toBeGreaterThan(29 * 86_400);
    } finally {
      await stop(app);
    }
  });

  it('answers 503 (retry later) while Redis is away, and the retry saves the batch', async () => {
    const relay = await startRedisRelay();
    const app = await start({ REDIS_URL: relay.url, REDIS_PREFIX: prefix });
    try {
      await relay.cut();
      const reply = await push(app, [good(CODE)]);
      expect(reply.status).toBe(503);
      await relay.restore();
      const ping = () => Promise.all(app.runtime.readiness.map((check) => check.check()));
      await ping().catch(() => new Promise((resolve) => setTimeout(resolve, 2500)));
      await ping();
      expect((await push(app, [good(CODE)])).status).toBe(200);
      expect(await app.runtime.dossiers.registry.get(CODE)).not.toBeNull();
    } finally {
      await stop(app);
      await relay.close();
    }
  });
});
