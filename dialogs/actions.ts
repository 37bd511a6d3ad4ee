import type { Aspect, Locale } from '../bot/knowledge/types';
import { tokenize } from '../bot/text/tokens';

export type MenuItem = 'ask' | 'status' | 'online' | 'officer' | 'privacy';
export const MENU_ITEMS: readonly MenuItem[] = ['ask', 'status', 'online', 'officer', 'privacy'];

/**
 * What the user asks the bot to do. A tap on a button, its typed title, its number, a command and what the
 * understanding makes of free text all end up as one of these, and the router runs it the same way whichever
 * way it came: a tap and the same words typed behave the same.
 */
export type Action =
  | { kind: 'entry'; id: string; aspect?: Aspect | 'overview' }
  | { kind: 'faq'; id: string; index: number }
  | { kind: 'checklist'; id?: string }
  | { kind: 'feedback'; id: string; useful: boolean }
  | { kind: 'menu'; item: MenuItem }
  | { kind: 'group'; index: number }
  /** A reply to the active flow's question (a button of its own). */
  | { kind: 'reply'; flow: string; value: string }
  | { kind: 'resume' }
  | { kind: 'cancel' }
  | { kind: 'other' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'language'; target: Locale }
  | { kind: 'status'; code: string | null }
  /** After a lookup: follow the dossier, stop following it ('' = every dossier of the chat), read its note. */
  | { kind: 'dossier'; op: 'follow' | 'unfollow' | 'details'; code: string }
  /** The title is a question of its own: understand it as if typed. */
  | { kind: 'ask'; text: string }
  | { kind: 'noneOfThese' };

export const ACTION_KINDS: readonly Action['kind'][] = [
  'entry', 'faq', 'checklist', 'feedback', 'menu', 'group', 'reply', 'resume', 'cancel', 'other', 'greeting', 'thanks',
  'language', 'status', 'dossier', 'ask', 'noneOfThese',
];

/** A button as dialogs offer it: a title in the reader's language, and titles in other languages that also pick it. */
export interface Button {
  title: string;
  action: Action;
  also?: string[];
  /**
   * Nice to have (related procedures, 👍/👎): on a channel with fewer slots than buttons, spare buttons at the end
   * of the offer are left out, last first, before the others would have to be listed by number.
   */
  spare?: boolean;
  /** It answers the turn's closing question (👍/👎 for "Thông tin này có giúp được bạn không?"). */
  answersPrompt?: boolean;
}

/** A link button (opens the portal, a form, a page); it needs no action of its own. */
export interface LinkButton {
  title: string;
  url: string;
}

/**
 * Actions that keep a running flow: the bot shows what was asked, then asks the flow's question again. Anything
 * else (another procedure, the dossier status, an officer...) pauses the flow; cancel ends it.
 */
export function keepsFlow(action: Action): boolean {
  switch (action.kind) {
    case 'menu':
      return action.item === 'ask' || action.item === 'privacy';
    case 'greeting':
    case 'thanks':
    case 'language':
    case 'other':
    case 'resume':
      return true;
    default:
      return false;
  }
}

type Translate = (locale: Locale, key: string) => string;

/** Buttons whose meaning does not depend on what was shown last: their titles work typed at any time. */
const STANDING_BUTTONS: [string, (lastEntryId?: string) => Action | undefined][] = [
  ['menu.ask', () => ({ kind: 'menu', item: 'ask' })],
  ['menu.status', () => ({ kind: 'menu', item: 'status' })],
  ['menu.online', () => ({ kind: 'menu', item: 'online' })],
  ['menu.officer', () => ({ kind: 'menu', item: 'officer' })],
  ['menu.privacy', () => ({ kind: 'menu', item: 'privacy' })],
  ['buttons.checklist', (id) => ({ kind: 'checklist', id })],
  ['buttons.documents', (id) => (id ? { kind: 'entry', id, aspect: 'documents' } : undefined)],
  ['buttons.steps', (id) => (id ? { kind: 'entry', id, aspect: 'steps' } : undefined)],
  ['buttons.overview', (id) => (id ? { kind: 'entry', id, aspect: 'overview' } : undefined)],
  ['buttons.legal', (id) => (id ? { kind: 'entry', id, aspect: 'legal' } : undefined)],
  ['buttons.other', () => ({ kind: 'other' })],
  ['buttons.menu', () => ({ kind: 'menu', item: 'ask' })],
  // "menu" alone shows the menu (inside a flow too, which it keeps); "về menu", "thoát" leave the flow.
  ['buttons.menuWord', () => ({ kind: 'menu', item: 'ask' })],
  ['dossier.buttons.unfollow', () => ({ kind: 'dossier', op: 'unfollow', code: '' })],
];

/** Standing titles as the message's normalisation reads them (both languages) -> their button, per set of sentences. */
const standingTitles = new WeakMap<Translate, Map<string, (typeof STANDING_BUTTONS)[number]>>();

/** The action of a standing button whose title (in either language) is the whole message (`folded`: NormalizedText.folded). */
export function standingAction(folded: string, t: Translate, lastEntryId?: string): Action | undefined {
  if (!folded) return undefined;
  let titles = standingTitles.get(t);
  if (!titles) {
    titles = new Map();
    for (const button of STANDING_BUTTONS) {
      for (const locale of ['vi', 'en'] as const) {
        const title = tokenize(t(locale, button[0])).join(' ');
        if (!titles.has(title)) titles.set(title, button);
      }
    }
    standingTitles.set(t, titles);
  }
  return titles.get(folded)?.[1](lastEntryId);
}
