import { fold } from '../bot/text/fold';
import { ACTION_KINDS, type Action, type Button } from './actions';
import { isRecord } from './guards';

/** The buttons of the conversation's last offer: token, every title that picks it, and what it does. */
export interface ButtonMemory {
  /** How many offers this conversation has seen; part of each token, so a token of an older offer is stale. */
  offer: number;
  items: { token: string; titles: string[]; action: Action }[];
}

export type ButtonPick = { kind: 'live'; action: Action; index: number } | { kind: 'stale' } | null;

/** `~` then the offer number and the button's letter, base 36: short enough for any platform's payload. */
const TOKEN = /^~([0-9a-z]+)\.([0-9a-z]+)$/;

export function tokenFor(offer: number, index: number): string {
  return `~${offer.toString(36)}.${index.toString(36)}`;
}

/** Remembers a new offer in place of the previous one; returns the tokens of its buttons, in order. */
export function rememberOffer(previous: ButtonMemory | undefined, buttons: readonly Button[]): ButtonMemory {
  const offer = (previous?.offer ?? 0) + 1;
  return {
    offer,
    items: buttons.map((button, index) => ({
      token: tokenFor(offer, index),
      titles: [...new Set([button.title, ...(button.also ?? [])].map(fold).filter(Boolean))],
      action: button.action,
    })),
  };
}

/**
 * What a message picks among the last offer's buttons: a tap's payload (`value.token`, or a text that is a
 * token, as channels that send the payload as text do), a typed number ("2", "2."), or a typed title in either
 * language, with or without marks. A token of an earlier offer is stale.
 */
export function pickButton(memory: ButtonMemory | undefined, input: { text: string; token?: string }): ButtonPick {
  const items = memory?.items ?? [];
  const token = input.token ?? (TOKEN.test(input.text.trim()) ? input.text.trim() : undefined);
  if (token !== undefined) {
    const index = items.findIndex((item) => item.token === token);
    return index >= 0 ? { kind: 'live', action: items[index].action, index } : { kind: 'stale' };
  }
  const number = /^(\d{1,2})\.?$/.exec(input.text.trim());
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < items.length ? { kind: 'live', action: items[index].action, index } : null;
  }
  const typed = fold(input.text);
  const index = typed ? items.findIndex((item) => item.titles.includes(typed)) : -1;
  return index >= 0 ? { kind: 'live', action: items[index].action, index } : null;
}

/** A stored memory, checked; anything that does not fit is dropped (its buttons then read as stale). */
export function parseButtonMemory(raw: unknown): ButtonMemory | undefined {
  if (!isRecord(raw) || !Number.isInteger(raw.offer) || !Array.isArray(raw.items)) return undefined;
  const items = raw.items.filter(
    (item): item is ButtonMemory['items'][number] =>
      isRecord(item) &&
      typeof item.token === 'string' &&
      Array.isArray(item.titles) &&
      item.titles.every((title) => typeof title === 'string') &&
      isRecord(item.action) &&
      ACTION_KINDS.includes(item.action.kind as Action['kind']),
  );
  return items.length === raw.items.length ? { offer: raw.offer as number, items } : undefined;
}
