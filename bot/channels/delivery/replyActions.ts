import type { Activity, CardAction } from 'botbuilder';

/** A button of a rendered reply, as the platforms need it: a tap sends `payload` back, a link opens `url`. */
export type ReplyAction = { kind: 'reply'; title: string; payload: string } | { kind: 'link'; title: string; url: string };

/**
 * The buttons of a rendered activity, in order: messageBack buttons carry our token in `value.token` (the core's
 * renderer); imBack / postBack carry their value as text; openUrl buttons are links. Other kinds are dropped.
 */
export function replyActions(activity: Partial<Activity>): ReplyAction[] {
  return (activity.suggestedActions?.actions ?? []).flatMap((action): ReplyAction[] => {
    const title = String(action.title ?? action.displayText ?? action.text ?? '').trim();
    if (action.type === 'openUrl') {
      const url = typeof action.value === 'string' ? action.value : '';
      return /^https?:\/\//i.test(url) && title ? [{ kind: 'link', title, url }] : [];
    }
    const payload = payloadOf(action);
    return payload && title ? [{ kind: 'reply', title, payload }] : [];
  });
}

function payloadOf(action: CardAction): string | undefined {
  if (action.type === 'messageBack') {
    const token = isObject(action.value) ? action.value.token : undefined;
    if (typeof token === 'string' && token) return token;
    return typeof action.text === 'string' && action.text ? action.text : undefined;
  }
  if (action.type === 'imBack' || action.type === 'postBack') {
    return typeof action.value === 'string' && action.value ? action.value : typeof action.title === 'string' ? action.title : undefined;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
