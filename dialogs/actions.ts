import { ActionTypes, Activity, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import type { Answer } from '../bot/knowledge/languageData';
import type { Aspect, Locale } from '../bot/knowledge/types';
import { fold } from '../bot/understanding/fold';
import type { BotState } from '../bot/botState';

/** What a button does. Buttons send their title as text, so typing the title does the same. */
export type Action =
  | { kind: 'entry'; id: string; aspect?: Aspect }
  | { kind: 'aspect'; id: string; aspect: Aspect | 'overview' }
  | { kind: 'checklist'; id?: string }
  | { kind: 'feedback'; id: string; useful: boolean }
  | { kind: 'menu'; item: 'ask' | 'status' | 'online' | 'officer' | 'privacy' }
  | { kind: 'group'; index: number }
  | { kind: 'answer'; value: Answer }
  | { kind: 'resume' }
  | { kind: 'cancel' }
  | { kind: 'other' }
  /** The title is a question of its own: understand it as if typed. */
  | { kind: 'text' }
  | { kind: 'noneOfThese' };

export interface Button {
  title: string;
  action: Action;
}

/** A link button (opens the portal); it needs no action of its own. */
export interface LinkButton {
  title: string;
  url: string;
}

/**
 * A message with buttons whose actions are remembered for the next message of the conversation, keyed by the
 * folded title: the user may tap, type the title, or type its number.
 */
export async function offer(context: TurnContext, state: BotState, text: string, buttons: Button[], links: LinkButton[] = []): Promise<void> {
  const data = await state.loadConversationData(context);
  data.actions = Object.fromEntries(buttons.map(({ title, action }) => [fold(title), action]));
  await context.sendActivity(buttonMessage(text, buttons, links));
}

export function buttonMessage(text: string, buttons: Button[], links: LinkButton[] = []): Partial<Activity> {
  const actions: CardAction[] = [
    ...buttons.map(({ title }) => ({ type: ActionTypes.ImBack, title, value: title })),
    ...links.map(({ title, url }) => ({ type: ActionTypes.OpenUrl, title, value: url })),
  ];
  return actions.length ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
}

/** The action of the button the message names, if it names one of the last buttons shown. Valid for one message. */
export async function takeAction(context: TurnContext, state: BotState): Promise<Action | undefined> {
  const data = await state.loadConversationData(context);
  const action = data.actions?.[fold(context.activity.text ?? '')];
  data.actions = undefined;
  return action;
}

/** Buttons whose meaning does not depend on what was shown last: their titles work typed at any time. */
const STANDING_BUTTONS: [string, (lastEntryId?: string) => Action | undefined][] = [
  ['menu.ask', () => ({ kind: 'menu', item: 'ask' })],
  ['menu.status', () => ({ kind: 'menu', item: 'status' })],
  ['menu.online', () => ({ kind: 'menu', item: 'online' })],
  ['menu.officer', () => ({ kind: 'menu', item: 'officer' })],
  ['menu.privacy', () => ({ kind: 'menu', item: 'privacy' })],
  ['buttons.checklist', (id) => ({ kind: 'checklist', id })],
  ['buttons.documents', (id) => (id ? { kind: 'aspect', id, aspect: 'documents' } : undefined)],
  ['buttons.steps', (id) => (id ? { kind: 'aspect', id, aspect: 'steps' } : undefined)],
  ['buttons.overview', (id) => (id ? { kind: 'aspect', id, aspect: 'overview' } : undefined)],
  ['buttons.other', () => ({ kind: 'other' })],
  ['buttons.menu', () => ({ kind: 'menu', item: 'ask' })],
];

/** The action of a standing button whose title (in either language) is the whole message. */
export function standingAction(text: string, t: (locale: Locale, key: string) => string, lastEntryId?: string): Action | undefined {
  const typed = fold(text);
  if (!typed) return undefined;
  const found = STANDING_BUTTONS.find(([key]) => (['vi', 'en'] as const).some((locale) => fold(t(locale, key)) === typed));
  return found?.[1](lastEntryId);
}
