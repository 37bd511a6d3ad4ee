import { tokenize } from '../bot/text/tokens';
import { ACTION_KINDS, MENU_ITEMS, type Action, type Button, type MenuItem } from './actions';
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

/**
 * The main menu's items mean the same whenever they are tapped, so their tokens never go stale: `~m.officer`.
 * A persistent menu (Messenger, Zalo OA) can send these payloads too.
 */
const MENU_TOKEN = /^~m\.([a-z]+)$/;

/** Whether a text is shaped like one of our button tokens (channels use it to tell a tap from another payload). */
export function isButtonToken(text: string): boolean {
  return TOKEN.test(text.trim()) || MENU_TOKEN.test(text.trim());
}

export function tokenFor(offer: number, index: number): string {
  return `~${offer.toString(36)}.${index.toString(36)}`;
}

export function menuToken(item: MenuItem): string {
  return `~m.${item}`;
}

function menuAction(token: string): Action | undefined {
  const item = MENU_TOKEN.exec(token)?.[1] as MenuItem | undefined;
  return item && MENU_ITEMS.includes(item) ? { kind: 'menu', item } : undefined;
}

/** Remembers a new offer in place of the previous one; returns the tokens of its buttons, in order. */
export function rememberOffer(previous: ButtonMemory | undefined, buttons: readonly Button[]): ButtonMemory {
  const offer = (previous?.offer ?? 0) + 1;
  return {
    offer,
    items: buttons.map((button, index) => ({
      token: button.action.kind === 'menu' ? menuToken(button.action.item) : tokenFor(offer, index),
      titles: [...new Set([button.title, ...(button.also ?? [])].map(titleKey).filter(Boolean))],
      action: button.action,
    })),
  };
}

/**
 * What a message picks among the last offer's buttons: a tap's payload (`value.token`, or a text that is a
 * token, as channels that send the payload as text do), a typed number ("2", "2."), or a typed title in either
 * language, with or without marks. A token of an earlier offer is stale, except a main-menu item's.
 */
/**
 * A title as typed text is compared: the message's folded tokens (NormalizedText.folded), so "giay to can chuan
 * bi", "Giấy tờ cần chuẩn bị" and "Papers to prepare" / "paper to prepare" meet their titles.
 */
export function titleKey(title: string): string {
  let key = titleKeys.get(title);
  if (key === undefined) {
    if (titleKeys.size >= MAX_TITLE_KEYS) titleKeys.clear();
    titleKeys.set(title, (key = tokenize(title).join(' ')));
  }
  return key;
}

/**
 * Offered titles repeat from turn to turn (the menu, the answer's buttons, entry titles): each is folded once.
 * A pure function's memo, bounded: the titles come from the sentences and the knowledge base, not from users.
 */
const titleKeys = new Map<string, string>();
const MAX_TITLE_KEYS = 5000;

export function pickButton(memory: ButtonMemory | undefined, input: { text: string; folded: string; token?: string }): ButtonPick {
  const items = memory?.items ?? [];
  const typed = input.text.trim();
  const token = input.token ?? (TOKEN.test(typed) || MENU_TOKEN.test(typed) ? typed : undefined);
  if (token !== undefined) {
    const index = items.findIndex((item) => item.token === token);
    if (index >= 0) return { kind: 'live', action: items[index].action, index };
    const menu = menuAction(token);
    return menu ? { kind: 'live', action: menu, index: -1 } : { kind: 'stale' };
  }
  const number = /^(\d{1,2})\.?$/.exec(input.text.trim());
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < items.length ? { kind: 'live', action: items[index].action, index } : null;
  }
  const index = input.folded ? items.findIndex((item) => item.titles.includes(input.folded)) : -1;
  return index >= 0 ? { kind: 'live', action: items[index].action, index } : null;
}

/** A stored memory, checked; anything that does not fit is dropped (its buttons then read as stale). */
export function parseButtonMemory(raw: unknown): ButtonMemory | undefined {
  if (!isRecord(raw) || !Number.isInteger(raw.offer) || !Array.isArray(raw.items)) return undefined;
  // Titles are stored folded; a memory written by an older release may hold another folding, which only costs a
  // typed title not matching for one offer.
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
