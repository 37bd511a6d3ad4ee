import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from './logger';
import type { TurnLock } from './storage/turnLock';

/**
 * The first middleware of every adapter: counts turns in flight (for a graceful stop) and runs the turns of one
 * conversation one at a time, through the lock (in process, or a Redis lease shared by every instance). A
 * message that waits long gets one short "one moment" and is still processed when its turn comes.
 */
export class TurnLockMiddleware implements Middleware {
  private inFlight = 0;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly lock: TurnLock,
    private readonly sayWait: (context: TurnContext) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  get turnsInFlight(): number {
    return this.inFlight;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    this.inFlight += 1;
    try {
      const key = conversationKey(context.activity);
      const release = await this.lock.acquire(key, () => {
        this.logger.info({ conversationId: context.activity.conversation?.id }, 'message waits for the turn before it');
        this.sayWait(context).catch((error: Error) => this.logger.warn({ err: error.message }, 'could not send the wait note'));
      });
      try {
        await next();
      } finally {
        await release();
      }
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves when no turn is in flight, or after `deadlineMs`; true when every turn finished. */
  async drain(deadlineMs: number): Promise<boolean> {
    if (this.inFlight === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = new Promise<boolean>((resolve) => this.idle.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    return result;
  }
}

function conversationKey(activity: Partial<Activity>): string {
  return `${activity.channelId ?? ''}/${activity.conversation?.id ?? ''}`;
}
