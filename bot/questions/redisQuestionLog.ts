import type { Redis } from 'ioredis';
import { DAY_MS, parseLoggedEvent, type LoggedEvent, type QuestionLog } from './questionLog';

/** Events read per XRANGE call. */
const PAGE = 1000;

/**
 * The question log in a Redis stream shared by every instance: each XADD trims the entries older than the
 * retention (MINID: stream ids are times), and the key expires a retention after the last event. The caller owns
 * the connection.
 */
export class RedisQuestionLog implements QuestionLog {
  readonly kind = 'redis';
  readonly where: string;

  constructor(
    private readonly client: Redis,
    private readonly key: string,
    private readonly retentionDays: number,
  ) {
    this.where = `redis stream ${key}`;
  }

  async append(event: LoggedEvent): Promise<void> {
    const retentionMs = this.retentionDays * DAY_MS;
    const results = await this.client
      .pipeline()
      .xadd(this.key, 'MINID', String(Date.now() - retentionMs), '*', 'e', JSON.stringify(event))
      .pexpire(this.key, retentionMs)
      .exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('the question log write was discarded');
  }

  async read(since: number): Promise<LoggedEvent[]> {
    const events: LoggedEvent[] = [];
    let start = String(Math.max(0, Math.floor(since)));
    for (;;) {
      const page = await this.client.xrange(this.key, start, '+', 'COUNT', PAGE);
      for (const [, fields] of page) {
        const raw = fields[fields.indexOf('e') + 1];
        const event = raw ? parseLoggedEvent(raw) : null;
        if (event && event.at >= since) events.push(event);
      }
      if (page.length < PAGE) return events;
      start = `(${page[page.length - 1][0]}`;
    }
  }

  async close(): Promise<void> {
    // The connection is the instance's; nothing of our own to close.
  }
}
