import type { Activity, Attachment, CardAction } from 'botbuilder';

/**
 * Renders a bot reply as plain text lines: the text, then every button as a `[Title]` line, as the terminal chat
 * prints it.
 */
export function renderText(activity: Partial<Activity>): string[] {
  if (activity.type && activity.type !== 'message') return [];
  const lines: string[] = [];
  if (activity.text) lines.push(activity.text);
  for (const attachment of activity.attachments ?? []) lines.push(...cardText(attachment));
  const buttons = [...(activity.attachments ?? []).flatMap(cardButtons), ...(activity.suggestedActions?.actions ?? [])];
  for (const button of buttons) lines.push(`[${button.title}]`);
  return lines;
}

interface CardContent {
  title?: string;
  subtitle?: string;
  text?: string;
  buttons?: CardAction[];
}

function content(attachment: Attachment): CardContent {
  return typeof attachment.content === 'object' && attachment.content !== null ? (attachment.content as CardContent) : {};
}

function cardText(attachment: Attachment): string[] {
  const card = content(attachment);
  return [card.title, card.subtitle, card.text].filter((part): part is string => Boolean(part));
}

function cardButtons(attachment: Attachment): CardAction[] {
  return content(attachment).buttons ?? [];
}
