import { createHash } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import { correlationOf } from './correlation';
import type { Logger } from './logger';
import type { BotMetrics } from './metrics';
import { sendFailureReason, type SendFailureReason } from './sendFailure';
import { openedTurn, ReplyDeliveryError } from './turnRunner';

/**
 * The outermost middleware of every adapter: one info line per turn, once it is over (waiting for the
 * conversation's turn, state, the bot and the send included). It says what the turn was about and how it went,
 * never what was typed: channel, activity type, intent, entry, decision and confidence, milliseconds, whether it
 * failed (and, when its replies could not be sent, why), the correlation id of the webhook that brought it, and a short hash of the conversation id (turns of
 * one conversation can be followed without the platform's user id in the logs). The same facts go to the
 * metrics (GET /metrics): turns by channel and intent, latency, unanswered and "did you mean" questions, 👍/👎.
 */
export class TurnMeter implements Middleware {
  constructor(
    private readonly logger: Logger,
    private readonly metrics?: BotMetrics,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = performance.now();
    let failure: unknown = null;
    try {
      await next();
    } catch (error) {
      failure = error ?? new Error('turn failed');
      throw error;
    } finally {
      this.log(context, performance.now() - started, failure);
    }
  }

  private log(context: TurnContext, ms: number, failure: unknown): void {
    const activity = context.activity;
    const turn = openedTurn(context);
    const trace = turn?.trace;
    const failed = failure !== null;
    const outcome = failed ? 'error' : context.responded ? 'answered' : 'silent';
    // A turn whose replies could not be handed to the channel: why (timeout, HTTP status class, network...).
    const sendFailure: SendFailureReason | undefined = failure instanceof ReplyDeliveryError ? sendFailureReason(failure.cause) : undefined;
    if (this.metrics) {
      // The staff events were recorded unless the turn failed before its state was saved (a failed send comes after).
      const recorded = turn && (!failed || failure instanceof ReplyDeliveryError);
      this.metrics.turn({
        channel: activity.channelId,
        type: activity.type,
        intent: trace?.intent,
        decision: trace?.decision,
        outcome,
        sendFailure,
        seconds: ms / 1000,
        degraded: turn?.degraded ?? false,
        events: recorded ? turn.events : NO_EVENTS,
        entries: turn?.kb.byId,
      });
    }
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
        outcome,
        sendFailure,
        conversation: conversationHash(activity.conversation?.id),
      },
      'turn',
    );
  }
}

const NO_EVENTS: readonly never[] = [];

/** The first 12 hex digits of the conversation id's SHA-256: stable, short, and not the platform's id. */
export function conversationHash(conversationId: string | undefined): string | undefined {
  return conversationId ? createHash('sha256').update(conversationId).digest('hex').slice(0, 12) : undefined;
}
