import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DAY_MS, parseLoggedEvent, type LoggedEvent, type QuestionLog } from './questionLog';

/**
 * The question log in a local JSON Lines file, for one process without Redis. The bot's own log removes lines
 * older than the retention when it opens and once a day (rewriting through a temporary file and a rename); a
 * reader (kb:gaps) opens it with `prune: false` and only skips old lines. Operations run one after the other, so
 * a rewrite never loses a line being appended.
 */
export class FileQuestionLog implements QuestionLog {
  readonly kind = 'file';
  private readonly timer: NodeJS.Timeout | null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly where: string,
    private readonly retentionDays: number,
    options: { prune?: boolean } = {},
  ) {
    const prune = options.prune ?? true;
    this.timer = prune ? setInterval(() => void this.serial(() => this.prune()).catch(() => undefined), DAY_MS) : null;
    this.timer?.unref();
    if (prune) void this.serial(() => this.prune()).catch(() => undefined);
  }

  append(event: LoggedEvent): Promise<void> {
    return this.serial(async () => {
      await mkdir(dirname(this.where), { recursive: true });
      await appendFile(this.where, `${JSON.stringify(event)}\n`, 'utf8');
    });
  }

  read(since: number): Promise<LoggedEvent[]> {
    return this.serial(async () => (await this.lines()).filter((event) => event.at >= since));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(operation);
    this.queue = next;
    return next;
  }

  private async lines(): Promise<LoggedEvent[]> {
    let text: string;
    try {
      text = await readFile(this.where, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text.split('\n').flatMap((line) => {
      const event = line ? parseLoggedEvent(line) : null;
      return event ? [event] : [];
    });
  }

  private async prune(): Promise<void> {
    const cutoff = Date.now() - this.retentionDays * DAY_MS;
    const events = await this.lines();
    const kept = events.filter((event) => event.at >= cutoff);
    if (kept.length === events.length) return;
    const temporary = `${this.where}.${process.pid}.tmp`;
    await writeFile(temporary, kept.map((event) => `${JSON.stringify(event)}\n`).join(''), 'utf8');
    await rename(temporary, this.where);
  }
}
