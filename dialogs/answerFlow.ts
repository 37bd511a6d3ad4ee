import type { Aspect, Entry, ProcedureEntry } from '../bot/knowledge/types';
import type { Button } from './actions';
import { keyButton, textButton } from './buttons';
import { EntryTexts } from './entryTexts';
import { LocalText } from './localText';
import type { Turn } from './turn';

/**
 * Answers about one entry: the overview, or the aspect asked about first, ending with the next useful buttons, the
 * related entries and a 👍/👎. Links (the portal, a topic's pages) ride as link buttons. The entry becomes the
 * subject of follow-ups. How long the messages are is the renderer's business.
 */
export function answerEntry(turn: Turn, entry: Entry, aspect?: Aspect | 'overview'): void {
  const texts = entryTexts(turn);
  const lines = !aspect || aspect === 'overview' ? texts.overview(entry) : texts.aspect(entry, aspect);
  say(turn, texts, lines);
  // The text says whether and how it can be done online; the address rides as a link.
  const showsOnline = !aspect || aspect === 'overview' || aspect === 'online';
  if (entry.kind === 'procedure' && entry.online.service !== 'none' && showsOnline) turn.reply.link(texts.onlineLinkButton(entry));
  finish(turn, entry, answerButtons(turn, entry, aspect));
}

/** A question staff answered in the entry's `faq`: their answer, then the entry's buttons. */
export function answerFaq(turn: Turn, entry: Entry, index: number): void {
  const texts = entryTexts(turn);
  say(turn, texts, texts.faq(entry, index));
  finish(turn, entry, answerButtons(turn, entry, 'overview'));
}

export function entryTexts(turn: Turn): EntryTexts {
  return new EntryTexts((key, vars) => turn.t(key, vars), new LocalText(turn.locale), turn.kb.site);
}

/** The online line and the link to apply, when the procedure can be done online. */
export function sayOnline(turn: Turn, texts: EntryTexts, entry: ProcedureEntry): void {
  if (entry.online.service === 'none') return;
  if (!entry.online.url) turn.reply.say(texts.onlineLink(entry));
  turn.reply.link(texts.onlineLinkButton(entry));
}

function say(turn: Turn, texts: EntryTexts, lines: string[]): void {
  if (texts.text.missingEnglish) turn.reply.say(turn.t('answer.englishMissing'));
  // Blank lines in an answer separate its parts: each part is a paragraph the renderer keeps whole if it can.
  let part: string[] = [];
  for (const line of [...lines, '']) {
    if (line === '' && part.length) {
      turn.reply.say(part);
      part = [];
    } else if (line !== '') {
      part.push(line);
    }
  }
}

function finish(turn: Turn, entry: Entry, buttons: Button[]): void {
  if (entry.kind === 'topic') {
    const text = new LocalText(turn.locale);
    turn.reply.link(...entry.links.map((link) => ({ title: text.pick(link.title), url: link.url })));
  }
  turn.reply.prompt(turn.t('answer.useful'));
  turn.reply.offer(buttons);
  turn.profile.lastEntryId = entry.id;
}

/** Documents (or the overview, once documents were shown), the papers check, applying online, related entries. */
function answerButtons(turn: Turn, entry: Entry, aspect?: Aspect | 'overview'): Button[] {
  // Spare, last: a channel with few buttons leaves out 👍/👎 first, then the related procedures.
  const feedback: Button[] = [
    { ...keyButton(turn, 'buttons.useful', { kind: 'feedback', id: entry.id, useful: true }), spare: true, answersPrompt: true },
    { ...keyButton(turn, 'buttons.notUseful', { kind: 'feedback', id: entry.id, useful: false }), spare: true, answersPrompt: true },
  ];
  const related = entry.related.slice(0, 2).flatMap((id) => {
    const other = turn.kb.byId.get(id);
    return other ? [{ ...textButton(turn, other.title, { kind: 'entry', id }), spare: true }] : [];
  });
  if (entry.kind === 'topic') {
    const local = new LocalText(turn.locale);
    const next = entry.followUps.slice(0, 3).map((text) => textButton(turn, text, { kind: 'ask', text: local.pick(text) }));
    return [...next, ...related, ...feedback];
  }
  const first =
    aspect === 'documents'
      ? keyButton(turn, 'buttons.overview', { kind: 'entry', id: entry.id, aspect: 'overview' })
      : keyButton(turn, 'buttons.documents', { kind: 'entry', id: entry.id, aspect: 'documents' });
  const online =
    aspect === 'online'
      ? keyButton(turn, 'buttons.steps', { kind: 'entry', id: entry.id, aspect: 'steps' })
      : keyButton(turn, 'buttons.online', { kind: 'entry', id: entry.id, aspect: 'online' });
  return [
    first,
    keyButton(turn, 'buttons.checklist', { kind: 'checklist', id: entry.id }),
    online,
    keyButton(turn, 'buttons.other', { kind: 'other' }),
    ...related,
    ...feedback,
  ];
}
