import { FINAL_STATUSES, isOverdue, type DossierStatus, type PublicDossier } from '../bot/dossiers/dossier';
import { spokenDate, type DossierDate } from '../bot/dossiers/dossierDates';
import type { Entry } from '../bot/knowledge/types';
import { LocalText } from './localText';
import type { Turn } from './turn';

/** The sentence for each status (literal keys, so the locale test sees every one). */
const STATE_KEYS: Record<DossierStatus, string> = {
  submitted: 'dossier.state.submitted',
  received: 'dossier.state.received',
  processing: 'dossier.state.processing',
  supplement: 'dossier.state.supplement',
  payment: 'dossier.state.payment',
  ready: 'dossier.state.ready',
  delivered: 'dossier.state.delivered',
  returned: 'dossier.state.returned',
  rejected: 'dossier.state.rejected',
  withdrawn: 'dossier.state.withdrawn',
  stopped: 'dossier.state.stopped',
};

/** Statuses with a result (the day it was made is worth saying). */
const WITH_RESULT: ReadonlySet<DossierStatus> = new Set(['ready', 'delivered']);

/** Statuses whose reason is the officer's to give (in the note, behind the second factor). */
const WITH_REASON: ReadonlySet<DossierStatus> = new Set(['returned', 'rejected', 'stopped']);

/**
 * What the record holds beyond the public fields (the officer's note, postal details): `guarded` the phone's last 4
 * digits open it; `atDesk` the record has no phone to check, so only the desk can tell it; `none` nothing; null not
 * known here (a notification), or already shown.
 */
export type PrivateDetails = 'guarded' | 'atDesk' | 'none' | null;

export interface DossierView {
  dossier: PublicDossier;
  details: PrivateDetails;
  now: number;
}

/**
 * What the code alone may show, in citizen words: procedure, masked applicant, status, dates, where to collect,
 * what is missing; for a passed due date, an apology and where to ask. Dates the Vietnamese way in both languages.
 */
export function dossierLines(turn: Turn, view: DossierView): string[] {
  const { dossier } = view;
  const lines = [turn.t('dossier.header', { code: dossier.code })];
  if (dossier.procedure) lines.push(turn.t('dossier.procedure', { name: procedureName(turn, dossier.procedure) }));
  if (dossier.applicant) lines.push(turn.t('dossier.applicant', { name: dossier.applicant }));
  if (dossier.receivedAt) lines.push(turn.t('dossier.receivedOn', { date: sayDate(turn, dossier.receivedAt) }));
  lines.push('', ...statusLines(turn, view));
  return lines;
}

/** The status part alone (a notification says it after its own first line). */
export function statusLines(turn: Turn, view: DossierView): string[] {
  const { dossier } = view;
  const site = new LocalText(turn.locale);
  const portal = site.pick(turn.kb.site.portal_name);
  const lines = [turn.t(STATE_KEYS[dossier.status])];
  const final = FINAL_STATUSES.has(dossier.status);
  if (!final && dossier.dueAt) lines.push(turn.t('dossier.due', { date: sayDate(turn, dossier.dueAt) }));
  if (final && dossier.finishedAt && WITH_RESULT.has(dossier.status)) lines.push(turn.t('dossier.finishedOn', { date: sayDate(turn, dossier.finishedAt) }));
  switch (dossier.status) {
    case 'submitted':
      lines.push(turn.t('dossier.submittedHow'));
      break;
    case 'supplement':
      lines.push(...missingLines(turn, dossier), turn.t('dossier.supplementHow', { portal }));
      break;
    case 'payment':
      lines.push(turn.t('dossier.paymentHow', { portal }));
      break;
    case 'ready':
      lines.push(pickupLine(turn, dossier));
      break;
    case 'delivered':
      lines.push(turn.t('dossier.deliveredHow'));
      break;
    default:
      if (WITH_REASON.has(dossier.status)) {
        if (dossier.missing.length) lines.push(...missingLines(turn, dossier));
        if (view.details === 'guarded') lines.push(turn.t('dossier.reasonHidden', { button: turn.t('dossier.buttons.details') }));
        else if (view.details === 'none') lines.push(turn.t('dossier.reasonAsk'));
      }
  }
  // A note the code alone may not open, and no phone to check: say it exists and who can tell it.
  if (view.details === 'atDesk') lines.push(turn.t('dossier.noteAtDesk'));
  if (dossier.dueAt && isOverdue(dossier, view.now)) lines.push('', overdueLine(turn, dossier.dueAt));
  return lines;
}

/** The knowledge entry of the dossier's procedure (an entry id, or a name the understanding knows). */
export function procedureEntry(turn: Turn, procedure: string | null): Entry | undefined {
  if (!procedure) return undefined;
  const byId = turn.kb.byId.get(procedure);
  if (byId) return byId;
  const understood = turn.understander.understand(procedure);
  return understood.decision === 'answer' && understood.id ? turn.kb.byId.get(understood.id) : undefined;
}

/** `thứ Sáu, 29/03/2024`, or `17:00 thứ Sáu, 29/03/2024`; in English `Friday 29/03/2024`. */
export function sayDate(turn: Turn, date: DossierDate): string {
  const spoken = spokenDate(date);
  const weekday = turn.services.i18n.list(turn.locale, 'dossier.weekdays')[spoken.weekday] ?? '';
  return spoken.time
    ? turn.t('dossier.dateTime', { time: spoken.time, weekday, date: spoken.date })
    : turn.t('dossier.date', { weekday, date: spoken.date });
}

function procedureName(turn: Turn, procedure: string): string {
  const entry = turn.kb.byId.get(procedure);
  return entry ? new LocalText(turn.locale).pick(entry.title) : procedure;
}

function missingLines(turn: Turn, dossier: PublicDossier): string[] {
  if (!dossier.missing.length) return [turn.t('dossier.missingUnknown')];
  return [turn.t('dossier.missingTitle'), ...dossier.missing.map((paper) => `• ${paper}`)];
}

function pickupLine(turn: Turn, dossier: PublicDossier): string {
  if (dossier.pickup?.by === 'post') return turn.t('dossier.pickupPost');
  if (dossier.pickup?.by === 'desk') return turn.t('dossier.pickupDesk', { place: dossier.pickup.place });
  return turn.t('dossier.pickupAsk', { hours: new LocalText(turn.locale).pick(turn.kb.site.hours) });
}

function overdueLine(turn: Turn, dueAt: DossierDate): string {
  const text = new LocalText(turn.locale);
  const site = turn.kb.site;
  const number = text.pick(site.hotline);
  return turn.t('dossier.overdue', {
    date: sayDate(turn, dueAt),
    desk: text.pick(site.desk),
    hours: text.pick(site.hours),
    hotline: number ? turn.t('dossier.hotline', { number }) : '',
  });
}
