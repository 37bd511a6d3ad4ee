import type { Activity } from 'botbuilder';
import { replyActions } from '../delivery/replyActions';
import { clip, splitText } from '../delivery/splitText';

/** Send API limits (channels.md §2.4). */
export const MESSENGER_LIMITS = { text: 2000, templateText: 640, quickReplies: 13, title: 20, payload: 1000, linkButtons: 3 } as const;

/**
 * A rendered activity → Messenger `message` objects: the text split at 2,000 characters; links as `web_url`
 * buttons of a button template (at most 3, its text at most 640 characters) on the last part; quick replies
 * (at most 13, titles at most 20 characters, our token as the payload) on the last part.
 */
export function toMessengerMessages(activity: Partial<Activity>): Record<string, unknown>[] {
  const actions = replyActions(activity);
  const quickReplies = actions
    .flatMap((action) => (action.kind === 'reply' ? [action] : []))
    .slice(0, MESSENGER_LIMITS.quickReplies)
    .map((action) => ({ content_type: 'text', title: clip(action.title, MESSENGER_LIMITS.title), payload: action.payload.slice(0, MESSENGER_LIMITS.payload) }));
  const links = actions
    .flatMap((action) => (action.kind === 'link' ? [action] : []))
    .slice(0, MESSENGER_LIMITS.linkButtons)
    .map((action) => ({ type: 'web_url', url: action.url, title: clip(action.title, MESSENGER_LIMITS.title) }));
  const parts = textParts(activity.text ?? '', links.length > 0);
  if (parts.length === 0 && (links.length > 0 || quickReplies.length > 0)) parts.push('👇');
  return parts.map((text, index) => {
    if (index < parts.length - 1) return { text };
    const message: Record<string, unknown> =
      links.length > 0 ? { attachment: { type: 'template', payload: { template_type: 'button', text, buttons: links } } } : { text };
    if (quickReplies.length > 0) message.quick_replies = quickReplies;
    return message;
  });
}

/** With link buttons, the last part rides in the template and must fit its 640 characters. */
function textParts(text: string, withLinks: boolean): string[] {
  const parts = splitText(text, MESSENGER_LIMITS.text);
  const last = parts.at(-1);
  if (!withLinks || last === undefined || last.length <= MESSENGER_LIMITS.templateText) return parts;
  const tail = splitText(last, MESSENGER_LIMITS.templateText);
  const final = tail.pop() as string;
  return [...parts.slice(0, -1), ...splitText(tail.join('\n'), MESSENGER_LIMITS.text), final];
}
