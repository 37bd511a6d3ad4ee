import { FINAL_STATUSES } from '../bot/dossiers/dossier';
import type { ChangeEvent, Subscription } from '../bot/dossiers/watchStore';
import { keyButton } from './buttons';
import { statusLines } from './dossierTexts';
import { menuButton } from './menu';
import type { Turn } from './turn';

/**
 * A status change told to a chat that follows the dossier, in the language it followed in: the new status in the
 * words of a lookup (public fields only), a way to see the whole dossier, and a way to stop.
 */
export function showDossierNotice(turn: Turn, subscription: Subscription, event: ChangeEvent): void {
  turn.setLocale(subscription.locale === 'en' ? 'en' : 'vi');
  const final = FINAL_STATUSES.has(event.dossier.status);
  const lines = [turn.t('dossier.notice', { code: event.code }), ...statusLines(turn, { dossier: event.dossier, details: null, now: Date.now() })];
  if (final) lines.push('', turn.t('dossier.noticeEnd'));
  turn.reply.say(lines);
  const buttons = [keyButton(turn, 'dossier.buttons.look', { kind: 'ask', text: event.code })];
  if (!final) buttons.push(keyButton(turn, 'dossier.buttons.unfollow', { kind: 'dossier', op: 'unfollow', code: event.code }));
  buttons.push(menuButton(turn, 'ask'));
  turn.reply.offer(buttons);
}
