import { Redis } from 'ioredis';
import { readConfig } from '../../bot/config';
import { DossierCodeReader } from '../../bot/dossiers/dossierCode';
import { MemoryUpstreamCache, RedisUpstreamCache, UpstreamCache } from '../../bot/dossiers/upstreamCache';
import { ConnectorOptions, UpstreamConnector, UpstreamUnavailableError } from '../../bot/dossiers/upstreamConnector';
import { silentLogger } from '../../bot/logger';
import { FakeUpstream, startFakeUpstream, UpstreamRecord } from '../helpers/fakeUpstream';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const CODE = '000.00.20.H56-240322-0056';

function record(overrides: Partial<UpstreamRecord> = {}): UpstreamRecord {
  return {
    MaHoSo: CODE,
    TenTTHC: 'Đăng ký khai sinh',
    ChuHoSo: 'Nguyễn Văn An',
    TrangThaiHoSo: '4',
    NgayTiepNhan: '20240322081500',
    NgayHenTra: '20240329170000',
    NgayKetThucXuLy: null,
    NoiNhanKetQua: 'Bộ phận Một cửa UBND xã Vĩnh Lộc',
    GhiChu: 'Đang trình lãnh đạo ký',
    SoDienThoaiCuoi: '0987',
    SoCCCD: '038090001234',
    DiaChi: 'Thôn 3, xã Vĩnh Lộc',
    ...overrides,
  };
}

/*
 * Lookups get 10 s, far more than a loopback answer takes on a busy machine: only the timeout test sets a short
 * one, against a fake that never answers, so no test depends on how fast the machine is.
 */
function options(fake: FakeUpstream, env: Record<string, string> = {}): ConnectorOptions {
  const connector = readConfig({ ...fake.env, DOSSIER_API_TIMEOUT_MS: '10000', ...env }).dossiers.connector;
  if (!connector) throw new Error('no connector configured');
  return connector;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamUnavailableError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof UpstreamUnavailableError)) throw new Error(`expected UpstreamUnavailableError, got ${String(error)}`);
  return error;
}

describe('the HTTP connector to the one-stop system', () => {
  let fake: FakeUpstream;
  const make = (env: Record<string, string> = {}, cache: UpstreamCache = new MemoryUpstreamCache()) =>
    new UpstreamConnector(options(fake, env), new DossierCodeReader(), cache, silentLogger());

  beforeEach(async () => {
    fake = await startFakeUpstream();
  });
  afterEach(() => fake.close());

  it('maps the answer with the JSON paths, and never keeps the ID number or the address', async () => {
    fake.records.set(CODE, record({ GiayToBoSung: [{ TenGiayTo: 'Giấy chứng sinh' }, { TenGiayTo: 'Bản sao CCCD của mẹ' }], TrangThaiHoSo: '5' }));
    const answer = await make().lookup(CODE);
    expect(answer).toEqual({
      kind: 'found',
      dossier: expect.objectContaining({
        code: CODE,
        procedure: 'Đăng ký khai sinh',
        status: 'supplement',
        applicant: 'Ng***n V** A',
        receivedAt: '2024-03-22T08:15',
        dueAt: '2024-03-29T17:00',
        missing: ['Giấy chứng sinh', 'Bản sao CCCD của mẹ'],
        pickup: { by: 'desk', place: 'Bộ phận Một cửa UBND xã Vĩnh Lộc' },
      }),
    });
    const text = JSON.stringify(answer);
    for (const secret of ['038090001234', 'Thôn 3', 'Nguyễn', '0987']) expect(text).not.toContain(secret);
  });

  it.each([
    ['1', 'submitted'],
    ['2', 'received'],
    ['3', 'returned'],
    ['4', 'processing'],
    ['5', 'supplement'],
    ['6', 'payment'],
    ['7', 'withdrawn'],
    ['8', 'stopped'],
    ['9', 'ready'],
    ['10', 'delivered'],
  ])('maps the portal status %s to %s', async (theirs, ours) => {
    fake.records.set(CODE, record({ TrangThaiHoSo: theirs }));
    const answer = await make().lookup(CODE);
    expect(answer.kind === 'found' && answer.dossier.status).toBe(ours);
  });

  it('uses a status table of its own (DOSSIER_API_STATUSES)', async () => {
    fake.records.set(CODE, record({ TrangThaiHoSo: 'TU_CHOI' }));
    const answer = await make({ DOSSIER_API_STATUSES: JSON.stringify({ TU_CHOI: 'rejected' }) }).lookup(CODE);
    expect(answer.kind === 'found' && answer.dossier.status).toBe('rejected');
  });

  it('an unknown code is "not found"; a status it cannot map is an upstream problem, not "not found"', async () => {
    expect(await make().lookup('000.00.20.H56-240322-9999')).toEqual({ kind: 'not-found' });
    fake.records.set(CODE, record({ TrangThaiHoSo: '99' }));
    expect((await failure(make().lookup(CODE))).reason).toBe('bad-answer');
  });

  it('gives up after the timeout (and does not retry a timeout)', async () => {
    fake.records.set(CODE, record());
    // The fake never answers: only the connector's own timer can end the lookup (within the test's time, which is
    // far below the 10 s of the other tests and the 3 s default), and not before the configured 300 ms.
    fake.mode = 'hang';
    const started = performance.now();
    const error = await failure(make({ DOSSIER_API_TIMEOUT_MS: '300' }).lookup(CODE));
    expect(error).toMatchObject({ reason: 'timeout', message: 'no answer within 300 ms' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(fake.requests).toHaveLength(1);
  }, 2500);

  it('waits 3 s by default', () => {
    expect(readConfig(fake.env).dossiers.connector?.timeoutMs).toBe(3000);
  });

  it('retries network errors', async () => {
    fake.records.set(CODE, record());
    fake.resetNext = 2;
    expect((await make({ DOSSIER_API_RETRIES: '2' }).lookup(CODE)).kind).toBe('found');
    expect(fake.requests).toHaveLength(3);
    fake.requests.length = 0;
    fake.resetNext = 5;
    expect((await failure(make({ DOSSIER_API_RETRIES: '2' }).lookup(CODE))).reason).toBe('network');
    expect(fake.requests).toHaveLength(3);
  });

  it('opens the circuit after repeated failures, answers at once while open, and closes after a good trial', async () => {
    fake.records.set(CODE, record());
    fake.mode = 'error';
    const connector = make({ DOSSIER_API_BREAKER_FAILURES: '3', DOSSIER_API_BREAKER_RESET_SECONDS: '1', DOSSIER_CACHE_TTL_SECONDS: '0' });
    for (let i = 0; i < 3; i++) expect((await failure(connector.lookup(CODE))).reason).toBe('refused');
    expect(connector.circuit).toBe('open');
    // While open it answers without asking: a fake that never answers would otherwise hold the lookup 10 s.
    fake.mode = 'hang';
    expect((await failure(connector.lookup(CODE))).reason).toBe('circuit-open');
    expect(fake.requests).toHaveLength(3);
    fake.mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await connector.lookup(CODE)).kind).toBe('found');
    expect(connector.circuit).toBe('closed');
  });

  it('sends the configured headers (a wrong key is a refusal, not "not found")', async () => {
    const error = await failure(make({ DOSSIER_API_HEADERS: JSON.stringify({ 'X-Api-Key': 'wrong' }) }).lookup(CODE));
    expect(error).toMatchObject({ reason: 'refused', message: 'HTTP 401' });
  });
});

describeWithRedis('the connector cache in Redis', () => {
  let fake: FakeUpstream;
  let client: Redis;
  let prefix: string;

  beforeEach(async () => {
    fake = await startFakeUpstream();
    client = new Redis(TEST_REDIS_URL);
    prefix = randomPrefix();
  });
  afterEach(async () => {
    await deleteKeysWithPrefix(client, prefix);
    client.disconnect();
    await fake.close();
  });

  const make = (env: Record<string, string> = {}) =>
    new UpstreamConnector(options(fake, env), new DossierCodeReader(), new RedisUpstreamCache(client, prefix), silentLogger());

  it('answers a second lookup from the cache, for the configured time, and polling refreshes it', async () => {
    fake.records.set(CODE, record({ TrangThaiHoSo: '4' }));
    const connector = make({ DOSSIER_CACHE_TTL_SECONDS: '120' });
    await connector.lookup(CODE);
    fake.records.set(CODE, record({ TrangThaiHoSo: '9' }));
    const second = await make({ DOSSIER_CACHE_TTL_SECONDS: '120' }).lookup(CODE);
    expect(second.kind === 'found' && second.dossier.status).toBe('processing');
    expect(fake.requests).toHaveLength(1);
    const ttl = await client.ttl(`${prefix}dossier:upstream:${CODE}`);
    expect(ttl).toBeGreaterThan(110);
    expect(ttl).toBeLessThanOrEqual(120);
    const fresh = await connector.fetchFresh(CODE);
    expect(fresh.kind === 'found' && fresh.dossier.status).toBe('ready');
    const cached = await connector.lookup(CODE);
    expect(cached.kind === 'found' && cached.dossier.status).toBe('ready');
    expect(fake.requests).toHaveLength(2);
  });

  it('keeps "not found" for at most a minute, and nothing when the TTL is 0', async () => {
    await make({ DOSSIER_CACHE_TTL_SECONDS: '600' }).lookup(CODE);
    expect(await client.ttl(`${prefix}dossier:upstream:${CODE}`)).toBeLessThanOrEqual(60);
    await client.del(`${prefix}dossier:upstream:${CODE}`);
    fake.records.set(CODE, record());
    await make({ DOSSIER_CACHE_TTL_SECONDS: '0' }).lookup(CODE);
    expect(await client.exists(`${prefix}dossier:upstream:${CODE}`)).toBe(0);
  });

  it('an expired entry is asked again', async () => {
    fake.records.set(CODE, record());
    const cache = new RedisUpstreamCache(client, prefix);
    const connector = new UpstreamConnector(options(fake, { DOSSIER_CACHE_TTL_SECONDS: '1' }), new DossierCodeReader(), cache, silentLogger());
    await connector.lookup(CODE);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await connector.lookup(CODE);
    expect(fake.requests).toHaveLength(2);
  });
});
