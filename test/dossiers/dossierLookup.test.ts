import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { readConfig } from '../../bot/config';
import { createDossiers, DossierParts } from '../../bot/dossiers/createDossiers';
import { createLogger, silentLogger } from '../../bot/logger';
import { FakeUpstream, startFakeUpstream } from '../helpers/fakeUpstream';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const CODE = '000.00.20.H56-240322-0056';
const SECRET_NOTE = 'Đã gửi qua EMS về thôn 3';

function make(env: Record<string, string>, redis: Redis | null, prefix: string, logger = silentLogger()): DossierParts {
  return createDossiers(readConfig({ DOSSIER_LOOKUP_FLOOR_MS: '0', ...env }).dossiers, { redis, prefix, logger });
}

async function seed(parts: DossierParts): Promise<void> {
  const report = await parts.ingest.save(
    [
      {
        position: 0,
        input: { code: CODE, status: 'ready', applicant: 'Nguyễn Văn An', pickup: `post: ${SECRET_NOTE}`, note: 'Ký ngày 20/12', phoneLast4: '0987' },
      },
    ],
    'push',
  );
  expect(report.rejected).toEqual([]);
}

function lookupTests(backend: () => { redis: Redis | null; prefix: string }): void {
  const parts = (env: Record<string, string> = {}) => make(env, backend().redis, backend().prefix);

  it('finds a pushed dossier; an unknown code is "not found"', async () => {
    const dossiers = parts();
    await seed(dossiers);
    expect(await dossiers.lookup.check('zalo:u1', CODE)).toMatchObject({ kind: 'found', source: 'registry', dossier: { status: 'ready' } });
    expect(await dossiers.lookup.check('zalo:u1', '000.00.20.H56-240322-0099')).toEqual({ kind: 'not-found' });
  });

  it('allows 10 lookups per user per hour, then refuses politely', async () => {
    const dossiers = parts();
    for (let i = 0; i < 10; i++) expect((await dossiers.lookup.check('zalo:u2', `000.00.20.H56-240322-${1000 + i}`)).kind).toBe('not-found');
    const refused = await dossiers.lookup.check('zalo:u2', CODE);
    expect(refused).toMatchObject({ kind: 'limited', by: 'user' });
    expect(refused.kind === 'limited' && refused.retryAfterSeconds).toBeGreaterThan(3500);
    expect((await dossiers.lookup.check('zalo:u3', CODE)).kind).not.toBe('limited');
  });

  it('allows 30 lookups per code per hour from everyone together (configurable)', async () => {
    const dossiers = parts({ DOSSIER_LOOKUPS_PER_CODE_PER_HOUR: '5' });
    await seed(dossiers);
    for (let i = 0; i < 5; i++) expect((await dossiers.lookup.check(`zalo:many-${i}`, CODE)).kind).toBe('found');
    expect(await dossiers.lookup.check('zalo:many-5', CODE)).toMatchObject({ kind: 'limited', by: 'code' });
    expect(readConfig({}).dossiers.limits).toEqual({ perUserPerHour: 10, perCodePerHour: 30 });
  });

  it('the second factor: right digits pass; three wrong answers lock that code for that user for an hour', async () => {
    const dossiers = parts();
    await seed(dossiers);
    const dossier = await dossiers.lookup.read(CODE);
    if (!dossier) throw new Error('seeded dossier not found');
    const factor = dossiers.secondFactor;
    expect(await factor.verify('zalo:u4', dossier, '09 87')).toEqual({ kind: 'ok' });
    expect(await factor.verify('zalo:u4', dossier, '1111')).toEqual({ kind: 'wrong', attemptsLeft: 2 });
    expect(await factor.verify('zalo:u4', dossier, 'abcd')).toEqual({ kind: 'wrong', attemptsLeft: 1 });
    const locked = await factor.verify('zalo:u4', dossier, '2222');
    expect(locked).toEqual({ kind: 'locked', retryAfterSeconds: 3600 });
    expect((await factor.verify('zalo:u4', dossier, '0987')).kind).toBe('locked');
    expect(await factor.lockedFor('zalo:u4', CODE)).toBeGreaterThan(3590);
    expect(await factor.verify('zalo:u5', dossier, '0987')).toEqual({ kind: 'ok' });
    expect(await factor.lockedFor('zalo:u4', '000.00.20.H56-240322-0099')).toBe(0);
  });
}

describe('looking a dossier up, on memory', () => {
  lookupTests(() => ({ redis: null, prefix: 'ttb:' }));
});

describeWithRedis('looking a dossier up, on Redis', () => {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let prefix = randomPrefix();
  beforeAll(() => client.connect());
  beforeEach(() => {
    prefix = randomPrefix();
  });
  afterEach(() => deleteKeysWithPrefix(client, prefix));
  afterAll(() => client.quit());

  lookupTests(() => ({ redis: client, prefix }));

  it('counts limits and wrong answers in Redis, shared by every instance', async () => {
    const one = make({ DOSSIER_LOOKUPS_PER_USER_PER_HOUR: '2' }, client, prefix);
    const other = make({ DOSSIER_LOOKUPS_PER_USER_PER_HOUR: '2' }, client, prefix);
    await one.lookup.check('zalo:u6', CODE);
    await other.lookup.check('zalo:u6', CODE);
    expect((await one.lookup.check('zalo:u6', CODE)).kind).toBe('limited');
    await seed(one);
    const dossier = await one.lookup.read(CODE);
    for (const parts of [one, other, one]) await parts.secondFactor.verify('zalo:u7', dossier!, '1111');
    expect(await other.secondFactor.lockedFor('zalo:u7', CODE)).toBeGreaterThan(0);
    const keys = await client.keys(`${prefix}*`);
    expect(keys.join(' ')).not.toContain('zalo:u');
  });

  describe('with the upstream', () => {
    let fake: FakeUpstream;
    beforeEach(async () => {
      fake = await startFakeUpstream();
    });
    afterEach(() => fake.close());

    it('"not found" takes the same time for any unknown code, asked upstream or answered from the cache', async () => {
      const dossiers = make({ ...fake.env, DOSSIER_LOOKUP_FLOOR_MS: '400' }, client, prefix);
      await dossiers.lookup.check('zalo:t1', '000.00.20.H56-240322-0098');
      const times: number[] = [];
      for (const code of ['000.00.20.H56-240322-0098', '000.00.20.H56-240322-0097', '000.00.20.H56-240322-0096']) {
        const started = performance.now();
        expect(await dossiers.lookup.check('zalo:t2', code)).toEqual({ kind: 'not-found' });
        times.push(performance.now() - started);
      }
      expect(fake.requests).toEqual(['000.00.20.H56-240322-0098', '000.00.20.H56-240322-0097', '000.00.20.H56-240322-0096']);
      for (const ms of times) {
        expect(ms).toBeGreaterThanOrEqual(395);
        expect(ms).toBeLessThan(550);
      }
    });

    it('the registry comes first; the upstream answers for codes it does not hold; an outage is not "not found"', async () => {
      const dossiers = make(fake.env, client, prefix);
      await seed(dossiers);
      fake.records.set('000.00.20.H56-240322-0077', { MaHoSo: '000.00.20.H56-240322-0077', TrangThaiHoSo: '4' });
      expect(await dossiers.lookup.check('zalo:t3', CODE)).toMatchObject({ kind: 'found', source: 'registry' });
      expect(await dossiers.lookup.check('zalo:t3', '000.00.20.H56-240322-0077')).toMatchObject({ kind: 'found', source: 'upstream', dossier: { status: 'processing' } });
      expect(fake.requests).toEqual(['000.00.20.H56-240322-0077']);
      fake.mode = 'error';
      expect(await dossiers.lookup.check('zalo:t3', '000.00.20.H56-240322-0076')).toEqual({ kind: 'unavailable' });
    });
  });

  it('logs the code and the outcome, never the applicant or the user id', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const dossiers = make({}, client, prefix, createLogger('info', sink));
    await seed(dossiers);
    await dossiers.lookup.check('zalo:private-user', CODE);
    const log = lines.join('');
    expect(log).toContain('"event":"dossier_lookup"');
    expect(log).toContain(CODE);
    for (const secret of ['private-user', 'Ng***n', 'Nguyễn', SECRET_NOTE, 'Ký ngày']) expect(log).not.toContain(secret);
  });
});
