import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { silentLogger } from '../../bot/logger';
import { FileQuestionLog } from '../../bot/questions/fileQuestionLog';
import { DAY_MS, type LoggedEvent, type QuestionLog } from '../../bot/questions/questionLog';
import { RedisQuestionLog } from '../../bot/questions/redisQuestionLog';
import { StaffEventRecorder } from '../../bot/questions/staffEvents';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const now = Date.now();
const old: LoggedEvent = { at: now - 91 * DAY_MS, kind: 'unanswered', question: 'cũ quá rồi' };
const recent: LoggedEvent = { at: now - 2 * DAY_MS, kind: 'unsure', question: 'gần đây', locale: 'vi' };
const rating: LoggedEvent = { at: now - DAY_MS, kind: 'feedback', entryId: 'khai-sinh', useful: false };

describe('FileQuestionLog', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'question-log-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const seed = (file: string) => writeFileSync(file, [old, recent, rating].map((e) => JSON.stringify(e)).join('\n') + '\n{"torn": \n');

  it('drops what is older than the retention when the bot opens it, and skips torn lines', async () => {
    const file = path.join(dir, 'q.jsonl');
    seed(file);
    const log = new FileQuestionLog(file, 90);
    expect(await log.read(0)).toEqual([recent, rating]);
    await log.append({ at: now, kind: 'unanswered', question: 'mới' });
    await log.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as LoggedEvent).at)).toEqual([recent.at, rating.at, now]);
  });

  it('is only read by a reader (prune: false), which skips old lines without rewriting the file', async () => {
    const file = path.join(dir, 'q.jsonl');
    seed(file);
    const before = readFileSync(file, 'utf8');
    const log = new FileQuestionLog(file, 90, { prune: false });
    expect(await log.read(now - 90 * DAY_MS)).toEqual([recent, rating]);
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('creates its folder on the first write; an absent file reads as empty', async () => {
    const file = path.join(dir, 'data', 'q.jsonl');
    const log = new FileQuestionLog(file, 90);
    expect(await log.read(0)).toEqual([]);
    await log.append(recent);
    expect(await log.read(0)).toEqual([recent]);
    await log.close();
  });
});

describeWithRedis('RedisQuestionLog', () => {
  let client: Redis;
  let prefix: string;
  beforeAll(() => (client = new Redis(TEST_REDIS_URL)));
  beforeEach(() => (prefix = randomPrefix()));
  afterEach(() => deleteKeysWithPrefix(client, prefix));
  afterAll(() => client.quit());

  it('keeps events in a stream every instance shares, read oldest first, with a retention as expiry', async () => {
    const a = new RedisQuestionLog(client, `${prefix}questions`, 90);
    const b = new RedisQuestionLog(client, `${prefix}questions`, 90);
    await a.append(recent);
    await b.append(rating);
    expect(await a.read(now - 90 * DAY_MS)).toEqual([recent, rating]);
    expect(await b.read(rating.at)).toEqual([rating]);
    const ttl = await client.pttl(`${prefix}questions`);
    expect(ttl).toBeGreaterThan(89 * DAY_MS);
  });

  it('trims entries older than the retention as it writes, and reads past a page', async () => {
    const key = `${prefix}questions`;
    await client.xadd(key, `${now - 91 * DAY_MS}-0`, 'e', JSON.stringify(old));
    const log = new RedisQuestionLog(client, key, 90);
    for (let i = 0; i < 1005; i++) await log.append({ at: now, kind: 'unanswered', question: `q${i}` });
    expect(await client.xlen(key)).toBe(1005);
    const events = await log.read(0);
    expect(events).toHaveLength(1005);
    expect(events.at(-1)).toMatchObject({ question: 'q1004' });
  });
});

describe('StaffEventRecorder', () => {
  /** A log that fails while `down` is set, like Redis during an outage. */
  function flakyLog(): QuestionLog & { down: boolean; events: LoggedEvent[] } {
    const log = {
      kind: 'file' as const,
      where: 'test',
      down: true,
      events: [] as LoggedEvent[],
      append: async (event: LoggedEvent) => {
        if (log.down) throw new Error('Connection is closed.');
        log.events.push(event);
      },
      read: async () => log.events,
      close: async () => undefined,
    };
    return log;
  }

  it('removes personal data before anything is stored, and keeps events while the log cannot be written', async () => {
    const log = flakyLog();
    const recorder = new StaffEventRecorder(log, silentLogger());
    recorder.record({ type: 'unanswered', conversationId: 'c1', question: 'tôi là Nguyễn Văn An, sđt 0912345678, hỏi nuôi cá' });
    recorder.record({ type: 'feedback', conversationId: 'c1', entryId: 'khai-sinh', useful: true });
    await recorder.settle();
    expect(log.events).toEqual([]);
    log.down = false;
    recorder.record({ type: 'unsure', conversationId: 'c2', question: 'mail an@example.com', locale: 'en' });
    await recorder.settle();
    expect(log.events.map(({ at: _at, ...rest }) => rest)).toEqual([
      { kind: 'unanswered', question: 'tôi là [name], sđt [number], hỏi nuôi cá' },
      { kind: 'feedback', entryId: 'khai-sinh', useful: true },
      { kind: 'unsure', question: 'mail [email]', locale: 'en' },
    ]);
    expect(JSON.stringify(log.events)).not.toContain('c1');
  });
});
