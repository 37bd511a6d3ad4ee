import type { Aspect } from '../bot/knowledge/types';
import type { Understanding } from '../bot/understanding/understander';
import { offer } from './actions';
import { LocalText } from './localText';
import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/** "Did you mean": up to three entries as buttons; picking one answers it, with the aspect asked about. */
export async function showClarify(turn: Turn, understanding: Understanding): Promise<void> {
  const text = new LocalText(turn.locale);
  const aspect: Aspect | undefined = understanding.aspect ?? undefined;
  const choices = understanding.candidates.flatMap(({ id }) => {
    const entry = turn.kb.byId.get(id);
    return entry ? [{ title: text.pick(entry.title), action: { kind: 'entry' as const, id, aspect } }] : [];
  });
  await offer(turn.context, turn.services.state, turn.t('clarify.prompt'), [
    ...choices,
    { title: turn.t('buttons.noneOfThese'), action: { kind: 'noneOfThese' } },
  ]);
}

/** Honest "I don't know", with the desk, its hours and phone, and the menu. */
export async function showNotKnown(turn: Turn, question?: string): Promise<void> {
  if (question !== undefined) {
    turn.services.events.record({ type: 'unanswered', conversationId: turn.context.activity.conversation.id, question });
  }
  await sendWithMenu(turn, `${turn.t(question === undefined ? 'clarify.none' : 'fallback.notKnown')}\n${contactLine(turn)}`);
}

export function contactLine(turn: Turn): string {
  const text = new LocalText(turn.locale);
  const site = turn.kb.site;
  const number = text.pick(site.hotline);
  return turn.t('fallback.contact', {
    desk: text.pick(site.desk),
    hours: text.pick(site.hours),
    hotline: number ? turn.t('fallback.hotline', { number }) : '',
  });
}
