import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';

/**
 * A message with buttons. Each button sends its own title back as text, so a user can also type it, and on
 * channels without buttons the renderer shows a numbered list whose number can be typed.
 */
export function withButtons(text: string, titles: string[]): Partial<Activity> {
  const actions: CardAction[] = titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
  return actions.length ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
}

/** A button that opens a web page (portal links). */
export function linkButton(title: string, url: string): CardAction {
  return { type: ActionTypes.OpenUrl, title, value: url };
}
