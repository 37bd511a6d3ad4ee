import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { menuToken, rememberOffer } from '../dialogs/buttonMemory';
import type { DialogServices } from '../dialogs/services';
import { correlationOf } from './correlation';
import { openTurn, type Turn } from '../dialogs/turn';
import type { Locale } from './knowledge/types';
import type { Logger } from './logger';
import { profileFor } from './replies/channelProfile';
import { renderReply } from './replies/renderReply';
import type { LoadedState, StateStore } from './stateStore';
import type { StoreAvailability } from './storage/availability';
import { StateConflictError, StorageUnavailableError } from './storage/storageErrors';

/** Messages longer than this are read on their first part only (the user is told). */
export const MAX_TEXT_LENGTH = 2000;

const TURN_KEY = Symbol('turn');

/** The turn's replies could not be handed to the channel (its state is already saved). */
export class ReplyDeliveryError extends Error {
  constructor(options: { cause: unknown }) {
    super(`replies could not be delivered: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'ReplyDeliveryError';
  }
}

/** The turn the runner opened for this context (the bot reads it). */
export function turnOf(context: TurnContext): Turn {
  const turn = context.turnState.get(TURN_KEY) as Turn | undefined;
  if (!turn) throw new Error('no turn is open: the adapter was not given to runtime.attach()');
  return turn;
}

/** The turn the runner opened for this context, if it got that far (logs and metrics of failed turns). */
export function openedTurn(context: TurnContext): Turn | undefined {
  return context.turnState.get(TURN_KEY) as Turn | undefined;
}

/** The language of a turn that never opened (the error handler's apology, the "one moment" note). */
export function localeOf(context: TurnContext, fallback: Locale): Locale {
  const turn = context.turnState.get(TURN_KEY) as Turn | undefined;
  return turn?.locale ?? localeFromChannel(context.activity, fallback);
}

export interface TurnRunnerDeps {
  store: StateStore;
  services: DialogServices;
  defaultLocale: Locale;
  logger: Logger;
  /** Whether the store is up; a turn that finds it away waits up to `storeWaitMs` for it, then goes on without. */
  availability?: StoreAvailability;
  storeWaitMs?: number;
}

/** While the store is away, the degraded-turn warning is logged at most this often. */
const DEGRADED_LOG_EVERY_MS = 10_000;

/**
 * Runs one turn around the bot, for every channel: reads the state once, takes one knowledge snapshot, opens the
 * turn (text normalised once, the button it picks resolved), runs the bot, remembers the offered buttons by token,
 * saves the state with an eTag check, then renders the outbox for the channel's profile and sends it in one call.
 * State is saved before anything is sent: if another writer got in first (a StateConflictError, which the turn
 * lock makes rare), the turn runs once more on the fresh state, and nothing stale reaches the user.
 */
export class TurnRunner implements Middleware {
  private degradedLoggedAt = 0;

  constructor(private readonly deps: TurnRunnerDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    let degraded = false;
    for (let attempt = 1; ; attempt++) {
      const state: LoadedState | null = degraded ? null : await this.loadState(context);
      degraded = state === null;
      // Without state, the conversation counts as welcomed: the privacy line is not repeated on every message.
      const turn = this.open(context, state?.conversation ?? { welcomed: true }, state?.profile ?? {}, degraded);
      context.turnState.set(TURN_KEY, turn);
      await next();
      if (!state) {
        turn.reply.keepButtons((button) => button.action.kind === 'menu');
        this.record(turn);
        await this.send(context, turn, turn.reply.buttons.map((button) => (button.action.kind === 'menu' ? menuToken(button.action.item) : '')));
        return;
      }
      const offered = turn.reply.buttons.length ? rememberOffer(turn.data.buttons, turn.reply.buttons) : undefined;
      if (offered) turn.data.buttons = offered;
      try {
        await this.deps.store.save(state);
      } catch (error) {
        if (error instanceof StorageUnavailableError) {
          // Nothing was sent: run the turn again without state rather than answer from a state that was not kept.
          this.noteDegraded(context, error);
          degraded = true;
          continue;
        }
        if (!(error instanceof StateConflictError) || attempt >= 2) throw error;
        this.deps.logger.warn({ reqId: correlationOf(context.activity), conversationId: context.activity.conversation?.id, key: error.key }, 'state changed during the turn; running it again on the fresh state');
        continue;
      }
      this.record(turn);
      await this.send(context, turn, offered?.items.map((item) => item.token) ?? []);
      return;
    }
  }

  /** The stored state; null when the store is away and did not come back within the wait (a degraded turn). */
  private async loadState(context: TurnContext): Promise<LoadedState | null> {
    for (let tries = 0; ; tries++) {
      try {
        return await this.deps.store.load(context.activity);
      } catch (error) {
        if (!(error instanceof StorageUnavailableError)) throw error;
        if (tries === 0 && this.deps.availability && (await this.deps.availability.waitReady(this.deps.storeWaitMs ?? 0))) continue;
        this.noteDegraded(context, error);
        return null;
      }
    }
  }

  private noteDegraded(context: TurnContext, error: Error): void {
    const now = Date.now();
    if (now - this.degradedLoggedAt < DEGRADED_LOG_EVERY_MS) return;
    this.degradedLoggedAt = now;
    this.deps.logger.warn({ reqId: correlationOf(context.activity), err: error.message }, 'state store unavailable: answering from memory (knowledge only) until it is back');
  }

  private record(turn: Turn): void {
    for (const event of turn.events) this.deps.services.events.record(event);
  }

  private open(context: TurnContext, data: Turn['data'], profile: Turn['profile'], degraded: boolean): Turn {
    const activity = context.activity;
    const { text, truncated } = readText(activity);
    return openTurn({
      activity,
      services: this.deps.services,
      data,
      profile,
      knowledge: this.deps.services.knowledge.snapshot(),
      locale: data.locale ?? profile.locale ?? localeFromChannel(activity, this.deps.defaultLocale),
      text,
      truncated,
      degraded,
    });
  }

  private async send(context: TurnContext, turn: Turn, tokens: string[]): Promise<void> {
    if (turn.reply.isEmpty) return;
    const profile = profileFor(context.activity.channelId);
    const rendered = renderReply(turn.reply.content(tokens), profile);
    if (rendered.cut > 0) {
      this.deps.logger.warn({ reqId: correlationOf(context.activity), conversationId: turn.conversationId, channelId: profile.channelId, cut: rendered.cut }, 'reply cut to fit the channel');
    }
    const locale = turn.locale === 'en' ? 'en-US' : 'vi-VN';
    try {
      await context.sendActivities(rendered.activities.map((activity) => ({ ...activity, locale })));
    } catch (error) {
      throw new ReplyDeliveryError({ cause: error });
    }
  }
}

/** The message text, trimmed and in NFC; cut (at a word) when longer than MAX_TEXT_LENGTH. */
function readText(activity: Partial<Activity>): { text: string; truncated: boolean } {
  const text = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text.normalize('NFC').trim() : '';
  if (text.length <= MAX_TEXT_LENGTH) return { text, truncated: false };
  const head = text.slice(0, MAX_TEXT_LENGTH);
  const space = head.lastIndexOf(' ');
  return { text: (space > MAX_TEXT_LENGTH / 2 ? head.slice(0, space) : head).trim(), truncated: true };
}

function localeFromChannel(activity: Partial<Activity>, fallback: Locale): Locale {
  const channelLocale = activity.locale?.toLowerCase() ?? '';
  if (channelLocale.startsWith('en')) return 'en';
  if (channelLocale.startsWith('vi')) return 'vi';
  return fallback;
}
