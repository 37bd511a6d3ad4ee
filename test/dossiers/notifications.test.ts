import { Redis } from 'ioredis';
import { readConfig } from '../../bot/config';
import { createDossiers, DossierParts } from '../../bot/dossiers/createDossiers';
import { readDossier } from '../../bot/dossiers/dossier';
import { DossierCodeReader } from '../../bot/dossiers/dossierCode';
import { DossierNotifier } from '../../bot/dossiers/notifier';
import { DossierPoller } from '../../bot/dossiers/poller';
import { RedisWatchStore } from '../../bot/dossiers/redisWatchStore';
import { MemoryWatchStore, Subscriber, WatchStore } from '../../bot/dossiers/watchStore';
import type { ChangeEvent, Subscription } from '../../bot/dossiers/watchStore';
import { silentLogger } from '../../bot/logger';
import { waitFor } from '../helpers/http';
import { FakeUpstream, startFakeUpstream } from '../helpers/fakeUpstream';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const CODE = '000.00.20.H56-240322-0056';
const chat = (key: string): Subscriber => ({ key, reference: JSON.stringify({ conversation: { id: key } }), channel: 'zalo', locale: 'vi' });
const record = (status: string, extra: Record<string, unknown> = {}) => ({ code: CODE, status, procedure: 'Đăng ký khai sinh', ...extra });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Instance {
  parts: DossierParts;
  sent: { key: string; status: string; code: string }[];
  client: Redis | null;
}

/** Every notice of every instance, in the order they were sent. */
const sentInOrder: { key: string; status: string; instance: string }[] = [];

function startInstance(name: string, redisUrl: string | null, prefix: string, env: Record<string, string> = {}): Instance {
  const client = redisUrl ? new Redis(redisUrl) : null;
  const options = readConfig({ DOSSIER_NOTIFY_INTERVAL_MS: '100', DOSSIER_LOOKUP_FLOOR_MS: '0', ...env }).dossiers;
  const parts = createDossiers(options, { redis: client, prefix, logger: silentLogger(), instance: name });
  const sent: Instance['sent'] = [];
  parts.start(async (subscription: Subscription, event: ChangeEvent) => {
    sent.push({ key: subscription.key, status: event.dossier.status, code: event.code });
    sentInOrder.push({ key: subscription.key, status: event.dossier.status, instance: name });
  });
  return { parts, sent, client };
}

async function stopInstance(instance: Instance): Promise<void> {
  await instance.parts.close();
  await instance.client?.quit();
}

async function push(instance: Instance, ...records: Record<string, unknown>[]): Promise<void> {
  const report = await instance.parts.ingest.save(records.map((input, position) => ({ position, input })), 'push');
  expect(report.rejected).toEqual([]);
}

describe('notifications on memory', () => {
  let one: Instance;
  beforeEach(() => {
    one = startInstance('solo', null, 'ttb:');
  });
  afterEach(() => stopInstance(one));

  it('tells the chat once per status change, stops after a final status, and "Hủy theo dõi" stops it', async () => {
    await push(one, record('processing'));
    expect(await one.parts.watch.subscribe(CODE, chat('c1'), 'processing')).toBe('added');
    await push(one, record('processing', { dueAt: '2026-12-30' }));
    await push(one, record('supplement', { missing: 'Giấy chứng sinh' }));
    await push(one, record('supplement', { missing: 'Giấy chứng sinh' }));
    expect(await waitFor(() => one.sent.length >= 1, 2000)).toBe(true);
    await pause(300);
    expect(one.sent).toEqual([{ key: 'c1', status: 'supplement', code: CODE }]);
    expect(await one.parts.watch.unsubscribe(CODE, 'c1')).toBe(true);
    await push(one, record('processing'));
    await pause(300);
    expect(one.sent).toHaveLength(1);
  });
});

describeWithRedis('notifications on Redis, with two bot instances', () => {
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let prefix: string;
  let a: Instance;
  let b: Instance;
  beforeAll(() => admin.connect());
  beforeEach(() => {
    prefix = randomPrefix();
    a = startInstance('bot-a', TEST_REDIS_URL, prefix);
    b = startInstance('bot-b', TEST_REDIS_URL, prefix);
  });
  afterEach(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await deleteKeysWithPrefix(admin, prefix);
  });
  afterAll(() => admin.quit());
  const allSent = () => [...a.sent, ...b.sent];

  it('a change pushed to one instance is told exactly once to each chat, by one of the instances', async () => {
    await push(a, record('processing'));
    await a.parts.watch.subscribe(CODE, chat('c1'), 'processing');
    await b.parts.watch.subscribe(CODE, chat('c2'), 'processing');
    await push(b, record('supplement', { missing: 'Giấy chứng sinh' }));
    await push(a, record('supplement', { missing: 'Giấy chứng sinh' }));
    expect(await waitFor(() => allSent().length >= 2, 3000)).toBe(true);
    await pause(500);
    expect(allSent().sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'c1', status: 'supplement', code: CODE },
      { key: 'c2', status: 'supplement', code: CODE },
    ]);
    expect(await admin.xlen(`${prefix}dossier:changes`)).toBe(0);
  });

  it('many changes and both instances reading at once: one notice per change and chat', async () => {
    await push(a, record('received'));
    for (let i = 0; i < 5; i++) await a.parts.watch.subscribe(CODE, chat(`m${i}`), 'received');
    for (const status of ['processing', 'supplement', 'processing', 'payment']) {
      await Promise.all([push(a, record(status)), push(b, record(status))]);
      expect(await waitFor(async () => (await admin.xlen(`${prefix}dossier:changes`)) === 0, 3000)).toBe(true);
    }
    await pause(300);
    expect(allSent()).toHaveLength(20);
    const mine = sentInOrder.filter((s) => s.key.startsWith('m'));
    for (let i = 0; i < 5; i++) {
      expect(mine.filter((s) => s.key === `m${i}`).map((s) => s.status)).toEqual(['processing', 'supplement', 'processing', 'payment']);
    }
  });

  it('after a final status the subscriptions end; nothing is left in Redis but the record', async () => {
    await push(a, record('processing'));
    await a.parts.watch.subscribe(CODE, chat('c1'), 'processing');
    await push(a, record('ready', { pickup: 'Bộ phận Một cửa UBND xã Vĩnh Lộc' }));
    expect(await waitFor(() => allSent().length === 1, 3000)).toBe(true);
    expect(await waitFor(async () => (await a.parts.watch.subscribers(CODE)).length === 0, 2000)).toBe(true);
    expect(await a.parts.watch.codesOf('c1')).toEqual([]);
    expect(await a.parts.watch.subscribe(CODE, chat('c1'), 'ready')).toBe('final');
    await pause(200);
    const keys = (await admin.keys(`${prefix}dossier:*`)).map((key) => key.slice(prefix.length)).filter((key) => !key.startsWith('dossier:sent:'));
    expect(keys.sort()).toEqual(['dossier:changes', `dossier:record:${CODE}`]);
  });

  it('subscriptions survive a restart of every instance', async () => {
    await push(a, record('processing'));
    await a.parts.watch.subscribe(CODE, chat('c1'), 'processing');
    await Promise.all([stopInstance(a), stopInstance(b)]);
    a = startInstance('bot-a2', TEST_REDIS_URL, prefix);
    b = startInstance('bot-b2', TEST_REDIS_URL, prefix);
    expect(await b.parts.watch.codesOf('c1')).toEqual([CODE]);
    await push(b, record('payment'));
    expect(await waitFor(() => allSent().length === 1, 3000)).toBe(true);
    expect(allSent()[0]).toEqual({ key: 'c1', status: 'payment', code: CODE });
  });

  it('"Hủy theo dõi" ends one subscription or all of a chat', async () => {
    const other = '000.00.20.H56-240322-0057';
    await push(a, record('processing'), { code: other, status: 'processing' });
    await a.parts.watch.subscribe(CODE, chat('c1'), 'processing');
    await a.parts.watch.subscribe(other, chat('c1'), 'processing');
    await a.parts.watch.subscribe(CODE, chat('c2'), 'processing');
    expect(await a.parts.watch.codesOf('c1')).toEqual([CODE, other]);
    expect(await b.parts.watch.unsubscribe(CODE, 'c1')).toBe(true);
    expect(await b.parts.watch.unsubscribeAll('c1')).toEqual([other]);
    await push(b, record('supplement'), { code: other, status: 'supplement' });
    expect(await waitFor(() => allSent().length >= 1, 3000)).toBe(true);
    await pause(300);
    expect(allSent()).toEqual([{ key: 'c2', status: 'supplement', code: CODE }]);
  });

  it('a subscription older than its days is not told', async () => {
    let now = Date.now();
    const store = new RedisWatchStore(admin, prefix, { subscriptionMs: 90 * 86_400_000, now: () => now });
    await store.subscribe(CODE, chat('old'), 'processing');
    now += 91 * 86_400_000;
    expect(await store.subscribers(CODE)).toEqual([]);
    expect(await store.watched(10)).toEqual([]);
  });

  it('a failed send is tried again later, and not sent twice once it went through', async () => {
    const store = new RedisWatchStore(admin, prefix, { subscriptionMs: 86_400_000, staleMs: 200 });
    let failures = 1;
    const sent: string[] = [];
    const notifier = new DossierNotifier(
      store,
      async (subscription) => {
        if (failures-- > 0) throw new Error('channel down');
        sent.push(subscription.key);
      },
      silentLogger(),
      { consumer: 'retry-test', intervalMs: 100, maxAttempts: 5 },
    );
    await store.subscribe(CODE, chat('c1'), 'processing');
    await store.subscribe(CODE, chat('c2'), 'processing');
    await a.parts.close();
    await b.parts.close();
    await a.parts.ingest.save([{ position: 0, input: record('supplement') }], 'push');
    expect(await notifier.runOnce()).toBe(1);
    await pause(250);
    expect(await notifier.runOnce()).toBe(1);
    expect(await notifier.runOnce()).toBe(0);
    expect(sent.sort()).toEqual(['c1', 'c2']);
  });
});

describeWithRedis('polling the upstream with two instances', () => {
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let prefix: string;
  let fake: FakeUpstream;
  beforeAll(() => admin.connect());
  beforeEach(async () => {
    prefix = randomPrefix();
    fake = await startFakeUpstream();
  });
  afterEach(async () => {
    await fake.close();
    await deleteKeysWithPrefix(admin, prefix);
  });
  afterAll(() => admin.quit());

  it('finds a change of a followed dossier once, and it is told once', async () => {
    const env = { ...fake.env, DOSSIER_CACHE_TTL_SECONDS: '600' };
    const a = startInstance('poll-a', TEST_REDIS_URL, prefix, env);
    const b = startInstance('poll-b', TEST_REDIS_URL, prefix, env);
    try {
      fake.records.set(CODE, { MaHoSo: CODE, TrangThaiHoSo: '4' });
      const seen = await a.parts.lookup.check('zalo:u1', CODE);
      expect(seen).toMatchObject({ kind: 'found', dossier: { status: 'processing' } });
      await a.parts.watch.subscribe(CODE, chat('c1'), 'processing');
      fake.records.set(CODE, { MaHoSo: CODE, TrangThaiHoSo: '9', NoiNhanKetQua: 'Bộ phận Một cửa' });
      const poller = (instance: Instance, name: string) =>
        new DossierPoller(
          { watch: instance.parts.watch, registry: instance.parts.registry, connector: instance.parts.connector!, redis: instance.client, prefix, logger: silentLogger(), onChange: () => undefined },
          { intervalMs: 60_000, maxPerRound: 10, instance: name },
        );
      const found = await Promise.all([poller(a, 'poll-a').runOnce(), poller(b, 'poll-b').runOnce()]);
      expect(found.sort()).toEqual([0, 1]);
      expect(fake.requests.filter((code) => code === CODE)).toHaveLength(2);
      expect(await waitFor(() => a.sent.length + b.sent.length === 1, 3000)).toBe(true);
      expect([...a.sent, ...b.sent]).toEqual([{ key: 'c1', status: 'ready', code: CODE }]);
      const cached = await a.parts.lookup.check('zalo:u1', CODE);
      expect(cached).toMatchObject({ kind: 'found', dossier: { status: 'ready' } });
    } finally {
      await Promise.all([stopInstance(a), stopInstance(b)]);
    }
  });
});

describe('the memory watch store', () => {
  it('keeps the same promises as the Redis one for one process', async () => {
    const store: WatchStore = new MemoryWatchStore({ subscriptionMs: 1000 });
    expect(await store.subscribe(CODE, chat('c1'), 'processing')).toBe('added');
    expect(await store.subscribe(CODE, chat('c1'), 'processing')).toBe('renewed');
    expect(await store.subscribe(CODE, chat('c1'), 'rejected')).toBe('final');
    const reading = readDossier(record('payment'), new DossierCodeReader());
    if (!reading.ok) throw new Error(reading.problems.join('; '));
    expect(await store.observe(reading.dossier)).toBe(true);
    expect(await store.take('solo', 10)).toEqual([expect.objectContaining({ code: CODE, from: 'processing', dossier: expect.objectContaining({ status: 'payment' }) })]);
    expect(await store.claim('1', 'c1')).toBe(true);
    expect(await store.claim('1', 'c1')).toBe(false);
  });
});
