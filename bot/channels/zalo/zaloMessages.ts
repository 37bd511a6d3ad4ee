import type { Activity } from 'botbuilder';
import { replyActions } from '../delivery/replyActions';
import { clip, splitText } from '../delivery/splitText';

/** Limits of a consultation message (channels.md §1.5). */
export const ZALO_LIMITS = { text: 2000, buttons: 5, buttonTitle: 100, payload: 1000 } as const;

/**
 * A rendered activity → Zalo `message` objects: the text split at 2,000 characters, and the buttons (at most 5,
 * quick replies and links sharing the slots) on the last part: a quick reply is `oa.query.hide` with our token as
 * its payload (Zalo sends the payload back as the user's text), a link is `oa.open.url`.
 */
export function toZaloMessages(activity: Partial<Activity>): Record<string, unknown>[] {
  const buttons = replyActions(activity)
    .slice(0, ZALO_LIMITS.buttons)
    .map((action) =>
      action.kind === 'link'
        ? { title: clip(action.title, ZALO_LIMITS.buttonTitle), type: 'oa.open.url', payload: { url: action.url } }
        : { title: clip(action.title, ZALO_LIMITS.buttonTitle), type: 'oa.query.hide', payload: action.payload.slice(0, ZALO_LIMITS.payload) },
    );
  const parts = splitText(activity.text ?? '', ZALO_LIMITS.text);
  // Buttons need a text to sit under; the renderer always gives one, this keeps a bare menu valid anyway.
  if (parts.length === 0 && buttons.length > 0) parts.push('👇');
  return parts.map((text, index) =>
    index === parts.length - 1 && buttons.length > 0 ? { text, attachment: { type: 'template', payload: { buttons } } } : { text },
  );
}
