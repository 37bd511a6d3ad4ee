import type { Aspect } from '../bot/knowledge/types';
import { redactPersonalData } from '../bot/text/redact';
import type { Understanding } from '../bot/understanding/understander';
import { keyButton, textButton } from './buttons';
import { LocalText } from './localText';
import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/** "Did you mean": up to three entries as buttons; picking one answers it, with the aspect asked about. */
export function showClarify(turn: Turn, understanding: Understanding): void {
  const aspect: Aspect | undefined = understanding.aspect ?? undefined;
  const choices = understanding.candidates.flatMap(({ id }) => {
    const entry = turn.kb.byId.get(id);
    return entry ? [textButton(turn, entry.title, { kind: 'entry', id, aspect })] : [];
  });
  turn.record({ type: 'unsure', question: redactPersonalData(turn.input.text), locale: turn.locale });
  turn.reply.prompt(turn.t('clarify.prompt'));
  turn.reply.offer([...choices, keyButton(turn, 'buttons.noneOfThese', { kind: 'noneOfThese' })]);
}

/** Honest "I don't know", with the desk, its hours and phone, and the menu. */
export function showNotKnown(turn: Turn, question?: string): void {
  if (question !== undefined) turn.record({ type: 'unanswered', question, locale: turn.locale });
  sendWithMenu(turn, [turn.t(question === undefined ? 'clarify.none' : 'fallback.notKnown'), contactLine(turn)]);
}

export function contactLine(turn: Turn): string {
  const text = new LocalText(turn.locale);
  const site = turn.kb.site;
  const number = text.pick(site.hotline);
  return turn.t('fallback.contact', {
    desk: text.pick(site.desk),
    hours: text.pick(site.hours),
    hotline: number ? turn.t('fallback.hotline', { number, name: text.pick(site.hotline_name) }) : '',
  });
}
