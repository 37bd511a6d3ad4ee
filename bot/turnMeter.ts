import { createHash } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import { correlationOf } from './correlation';
import type { Logger } from './logger';
import { openedTurn } from './turnRunner';

/**
 * The outermost middleware of every adapter: one info line per turn, once it is over (waiting for the
 * conversation's turn, state, the bot and the send included). It says what the turn was about and how it went,
 * never what was typed: channel, activity type, intent, entry, decision and confidence, milliseconds, whether it
 * failed, the correlation id of the webhook that brought it, and a short hash of the conversation id (turns of
 * one conversation can be followed without the platform's user id in the logs).
 */
export class TurnMeter implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = performance.now();
    let failed = false;
    try {
      await next();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.log(context, performance.now() - started, failed);
    }
  }

  private log(context: TurnContext, ms: number, failed: boolean): void {
    const activity = context.activity;
    const trace = openedTurn(context)?.trace;
    this.logger.info(
      {
        reqId: correlationOf(activity),
        channel: activity.channelId,
        type: activity.type,
        intent: trace?.intent,
        entry: trace?.entryId,
        decision: trace?.decision,
        confidence: trace?.confidence === undefined ? undefined : Math.round(trace.confidence * 100) / 100,
        ms: Math.round(ms * 10) / 10,
        outcome: failed ? 'error' : context.responded ? 'answered' : 'silent',
        conversation: conversationHash(activity.conversation?.id),
      },
      'turn',
    );
  }
}

/** The first 12 hex digits of the conversation id's SHA-256: stable, short, and not the platform's id. */
export function conversationHash(conversationId: string | undefined): string | undefined {
  return conversationId ? createHash('sha256').update(conversationId).digest('hex').slice(0, 12) : undefined;
}
