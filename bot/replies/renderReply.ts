import type { Activity, CardAction } from 'botbuilder';
import type { LinkButton } from '../../dialogs/actions';
import type { ReplyBlock, ReplyButton, ReplyContent } from '../../dialogs/outbox';
import type { ChannelProfile } from './channelProfile';

/** The activities of one turn, and how many characters of text had to be cut to hold the message budget. */
export interface RenderedReply {
  activities: Partial<Activity>[];
  cut: number;
}

const GAP = '\n\n';
const ELLIPSIS = '…';

/**
 * Turns a turn's content into the activities a channel can show, within its profile: text packed into messages
 * of about a screen (or up to the hard limit when the budget of messages per turn needs it), buttons on the last
 * message, titles shortened where they do not fit, and then a numbered list in the text so that nothing is lost
 * (typing the number picks the button); link buttons where the channel has them, "Title: address" lines where not.
 */
export function renderReply(content: ReplyContent, profile: ChannelProfile): RenderedReply {
  const fitted = withoutSpares(content, profile);
  return layout(fitted, profile, true) ?? (layout(fitted, profile, false) as RenderedReply);
}

/**
 * On a channel with fewer slots than the offer needs (Zalo: five, links included), the spare buttons at the end
 * (related procedures, 👍/👎) are left out, last first, so the useful ones stay buttons and the links stay link
 * buttons, rather than everything becoming a numbered list. Only a tail is left out, so the numbers of the buttons
 * shown are still their numbers in the offer. A closing question whose buttons all went goes with them.
 */
function withoutSpares(content: ReplyContent, profile: ChannelProfile): ReplyContent {
  const linkNeed = profile.sharedSlots ? Math.min(content.links.length, profile.linkButtons) : 0;
  const buttons = [...content.buttons];
  while (buttons.length + linkNeed > profile.buttons && buttons[buttons.length - 1]?.spare) buttons.pop();
  if (buttons.length === content.buttons.length) return content;
  const promptLost = content.buttons.some((button) => button.answersPrompt) && !buttons.some((button) => button.answersPrompt);
  const { prompt, ...rest } = content;
  return { ...rest, ...(prompt && !promptLost ? { prompt } : {}), buttons };
}

/** One layout; null when link buttons were allowed and the message carrying them cannot be made short enough. */
function layout(content: ReplyContent, profile: ChannelProfile, linkButtonsAllowed: boolean): RenderedReply | null {
  const linkSlots = !linkButtonsAllowed
    ? 0
    : profile.sharedSlots
      ? clamp(profile.buttons - content.buttons.length, 0, profile.linkButtons)
      : profile.linkButtons;
  const linkButtons = content.links.slice(0, linkSlots);
  const quick = content.buttons.slice(0, profile.sharedSlots ? profile.buttons - linkButtons.length : profile.buttons);
  const numbered = content.buttons.length > quick.length || quick.some((button) => nfc(button.title).length > profile.buttonTitleLength);
  const tail = tailParagraphs(content.buttons, content.links.slice(linkSlots), numbered, content.prompt);
  const lastLimit = linkButtons.length && profile.textLengthWithLinks ? Math.min(profile.textLength, profile.textLengthWithLinks) : profile.textLength;
  const body = content.blocks.map(blockText).filter((text) => text.trim() !== '');
  const fitted = fit(body, tail, profile, lastLimit);
  const lastText = fitted.messages[fitted.messages.length - 1] ?? '';
  if (linkButtons.length && lastText.length > lastLimit) return null;
  const actions: CardAction[] = [
    ...quick.map((button, i) => buttonAction(button, i, numbered, profile.buttonTitleLength)),
    ...linkButtons.map((link) => linkAction(link, profile.buttonTitleLength)),
  ];
  const activities: Partial<Activity>[] = fitted.messages.map((text) => ({ type: 'message', text }));
  if (actions.length) {
    if (activities.length === 0) activities.push({ type: 'message', text: '' });
    activities[activities.length - 1].suggestedActions = { actions, to: [] };
  }
  return { activities, cut: fitted.cut };
}

/**
 * The end of the last message, in reading order: the links that ride as text, the closing question, and the
 * numbered list of every button (when some could not be shown whole), right under the question it answers.
 */
function tailParagraphs(buttons: ReplyButton[], textLinks: LinkButton[], numbered: boolean, prompt?: string): string[] {
  const tail: string[] = [];
  if (textLinks.length) tail.push(textLinks.map((link) => `${nfc(link.title)}: ${link.url}`).join('\n'));
  const list = numbered && buttons.length ? buttons.map((button, i) => `${i + 1}. ${nfc(button.title)}`).join('\n') : '';
  if (prompt && list) tail.push(`${nfc(prompt)}\n${list}`);
  else if (prompt || list) tail.push(nfc(prompt || list));
  // One piece, so the list and the links stay together on the message that carries the buttons.
  return tail.length ? [tail.join(GAP)] : [];
}

function blockText(block: ReplyBlock): string {
  if (block.kind === 'text') return nfc(block.text);
  return nfc([...(block.title ? [block.title] : []), ...block.items.map((item) => `• ${item}`)].join('\n'));
}

/**
 * Messages for the body then the tail (which stays whole at the end). Screens first; the hard limit when the
 * budget needs it; and when even that is over budget, the body is cut at the end of the last message it may use.
 */
function fit(body: string[], tail: string[], profile: ChannelProfile, lastLimit: number): { messages: string[]; cut: number } {
  const budget = Math.max(1, profile.messagesPerTurn);
  for (const limit of [Math.min(profile.screenLength, profile.textLength), profile.textLength]) {
    const messages = pack([...body, ...tail], limit, lastLimit);
    if (messages.length <= budget) return { messages, cut: 0 };
  }
  const tailMessages = tail.length ? pack(tail, profile.textLength, lastLimit) : [];
  const bodyMessages = pack(body, profile.textLength, profile.textLength);
  const room = Math.max(0, budget - tailMessages.length);
  const kept = bodyMessages.slice(0, room);
  const dropped = bodyMessages.slice(room).join(GAP).length;
  if (kept.length) kept[kept.length - 1] = withEllipsis(kept[kept.length - 1], profile.textLength);
  const messages = [...kept, ...tailMessages].slice(0, budget);
  return { messages: messages.length ? messages : [ELLIPSIS], cut: dropped };
}

/**
 * Greedy packing of paragraphs into messages of at most `limit` characters, the last one at most `lastLimit`:
 * paragraphs stay whole when they fit, else they are split at line breaks, then between words.
 */
function pack(paragraphs: string[], limit: number, lastLimit: number): string[] {
  const pieces = paragraphs.flatMap((paragraph) => split(paragraph, Math.min(limit, lastLimit)));
  const messages: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current}${GAP}${piece}` : piece;
    if (current && joined.length > limit) {
      messages.push(current);
      current = piece;
    } else {
      current = joined;
    }
  }
  if (current) messages.push(current);
  // The last message has its own limit (a template's text): move what does not fit into a message before it.
  const last = messages[messages.length - 1];
  if (last !== undefined && last.length > lastLimit) {
    const { head, end } = splitEnd(last, lastLimit);
    messages.splice(messages.length - 1, 1, ...(head ? [head] : []), end);
  }
  return messages;
}

/** A paragraph as pieces of at most `limit` characters: whole lines where possible, then words. */
function split(paragraph: string, limit: number): string[] {
  if (paragraph.length <= limit) return [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const line of paragraph.split('\n').flatMap((line) => (line.length <= limit ? [line] : splitWords(line, limit)))) {
    const joined = current ? `${current}\n${line}` : line;
    if (current && joined.length > limit) {
      pieces.push(current);
      current = line;
    } else {
      current = joined;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function splitWords(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    for (const part of chunks(word, limit)) {
      const joined = current ? `${current} ${part}` : part;
      if (current && joined.length > limit) {
        pieces.push(current);
        current = part;
      } else {
        current = joined;
      }
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** A single word longer than a message (a long address) is cut where it must be. */
function chunks(word: string, limit: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += limit) parts.push(word.slice(i, i + limit));
  return parts.length ? parts : [''];
}

/** The end of a message that fits `limit`, whole paragraphs (or lines) from the end, and what comes before it. */
function splitEnd(text: string, limit: number): { head: string; end: string } {
  for (const separator of [GAP, '\n']) {
    const parts = text.split(separator);
    for (let i = 1; i < parts.length; i++) {
      const end = parts.slice(i).join(separator);
      if (end.length <= limit) return { head: parts.slice(0, i).join(separator), end };
    }
  }
  return { head: text.slice(0, text.length - limit), end: text.slice(text.length - limit) };
}

function withEllipsis(text: string, limit: number): string {
  return text.length + 2 <= limit ? `${text} ${ELLIPSIS}` : `${text.slice(0, limit - 2)} ${ELLIPSIS}`;
}

function buttonAction(button: ReplyButton, index: number, numbered: boolean, limit: number): CardAction {
  const full = nfc(button.title);
  const title = shorten(numbered ? `${index + 1}. ${full}` : full, limit);
  return { type: 'messageBack', title, text: full, displayText: title, value: { token: button.token } };
}

function linkAction(link: LinkButton, limit: number): CardAction {
  return { type: 'openUrl', title: shorten(nfc(link.title), limit), value: link.url };
}

/** A title cut at a word boundary when possible, with an ellipsis, to at most `limit` characters. */
export function shorten(title: string, limit: number): string {
  if (title.length <= limit) return title;
  const room = title.slice(0, limit - 1);
  const space = room.lastIndexOf(' ');
  return `${(space >= limit / 2 ? room.slice(0, space) : room).trimEnd()}${ELLIPSIS}`;
}

function nfc(text: string): string {
  return text.normalize('NFC');
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
