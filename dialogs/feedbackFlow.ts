import { offer } from './actions';
import { menuButtons } from './menu';
import type { Turn } from './turn';

/** 👍/👎 after an answer, recorded with the entry id for staff. */
export async function recordFeedback(turn: Turn, entryId: string, useful: boolean): Promise<void> {
  turn.services.events.record({ type: 'feedback', entryId, useful, conversationId: turn.context.activity.conversation.id });
  if (useful) {
    await turn.context.sendActivity(turn.t('feedback.thanks'));
    return;
  }
  const officer = menuButtons(turn.t).filter((button) => button.action.kind === 'menu' && button.action.item === 'officer');
  await offer(turn.context, turn.services.state, turn.t('feedback.sorry'), [
    ...officer,
    { title: turn.t('buttons.other'), action: { kind: 'other' } },
  ]);
}
