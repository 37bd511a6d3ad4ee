import type { Aspect, Entry } from '../bot/knowledge/types';
import { Button, offer } from './actions';
import { EntryTexts } from './entryTexts';
import { LocalText, screens } from './localText';
import type { Turn } from './turn';

/**
 * Answers about one entry: the overview, or the aspect asked about first, in at most two messages that fit a
 * phone screen, ending with the next useful buttons and a 👍/👎. The entry becomes the subject of follow-ups.
 */
export async function answerEntry(turn: Turn, entry: Entry, aspect?: Aspect | 'overview'): Promise<void> {
  const texts = entryTexts(turn);
  const lines = !aspect || aspect === 'overview' ? texts.overview(entry) : texts.aspect(entry, aspect);
  const messages = screens(lines).slice(0, 2);
  if (texts.text.missingEnglish) messages[0] = `${turn.t('answer.englishMissing')}\n${messages[0]}`;
  const last = messages.pop() ?? '';
  if (messages.length) await turn.context.sendActivities(messages.map((text) => ({ type: 'message', text })));
  await offer(turn.context, turn.services.state, `${last}\n\n${turn.t('answer.useful')}`, answerButtons(turn, entry, aspect));
  turn.profile.lastEntryId = entry.id;
}

export function entryTexts(turn: Turn): EntryTexts {
  return new EntryTexts((key, vars) => turn.t(key, vars), new LocalText(turn.locale), turn.kb.site);
}

/** Documents (or the overview, once documents were shown), the papers check, applying online, another question. */
function answerButtons(turn: Turn, entry: Entry, aspect?: Aspect | 'overview'): Button[] {
  const feedback: Button[] = [
    { title: turn.t('buttons.useful'), action: { kind: 'feedback', id: entry.id, useful: true } },
    { title: turn.t('buttons.notUseful'), action: { kind: 'feedback', id: entry.id, useful: false } },
  ];
  if (entry.kind === 'topic') {
    const next = entry.followUps.slice(0, 3).map((text) => new LocalText(turn.locale).pick(text));
    return [...next.map((title) => ({ title, action: { kind: 'text' as const } })), ...feedback];
  }
  const first: Button =
    aspect === 'documents'
      ? { title: turn.t('buttons.overview'), action: { kind: 'aspect', id: entry.id, aspect: 'overview' } }
      : { title: turn.t('buttons.documents'), action: { kind: 'aspect', id: entry.id, aspect: 'documents' } };
  const online: Button =
    aspect === 'online'
      ? { title: turn.t('buttons.steps'), action: { kind: 'aspect', id: entry.id, aspect: 'steps' } }
      : { title: turn.t('buttons.online'), action: { kind: 'aspect', id: entry.id, aspect: 'online' } };
  return [
    first,
    { title: turn.t('buttons.checklist'), action: { kind: 'checklist', id: entry.id } },
    online,
    { title: turn.t('buttons.other'), action: { kind: 'other' } },
    ...feedback,
  ];
}
