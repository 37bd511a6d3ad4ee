import { TurnContext } from 'botbuilder';
import { FINAL_STATUSES, hasPrivateDetails, publicView, type Dossier } from '../bot/dossiers/dossier';
import type { CodeReading } from '../bot/dossiers/dossierCode';
import type { Subscriber } from '../bot/dossiers/watchStore';
import type { Button } from './actions';
import { keyButton } from './buttons';
import { dossierLines, procedureEntry, type PrivateDetails } from './dossierTexts';
import { NOT_MINE, type Flow, type FlowStep } from './flow';
import { isRecord } from './guards';
import { LocalText } from './localText';
import { menuButton } from './menu';
import type { Turn } from './turn';

export const DOSSIER_FLOW = 'dossier';

/** Waiting for a code (after "tra cứu hồ sơ" without one), or for the phone's last 4 digits. */
export type DossierState = { step: 'code' } | { step: 'factor'; code: string };

export type DossierOp = 'follow' | 'unfollow' | 'details';

export type DossierArgs =
  /** A status question: the message's text (read for a code with the configured shapes), and the code the understanding saw. */
  | { op: 'lookup'; text: string; code: string | null }
  /** A button after a lookup; `unfollow` with code '' ends every subscription of the chat ("Hủy theo dõi"). */
  | { op: DossierOp; code: string };

type Step = FlowStep<DossierState>;
const DONE: Step = { kind: 'done' };

/**
 * Dossier status, one flow: ask for the code (saying where it is printed), look it up (abuse limits, privacy), tell
 * the status in citizen words, offer to follow it; the phone's last 4 digits before the officer's note or the
 * delivery details. Waits only for a code or for the digits; everything else is done in one turn.
 */
export const dossierFlow: Flow<DossierState, DossierArgs> = {
  id: DOSSIER_FLOW,

  parse(state) {
    if (!isRecord(state)) return null;
    if (state.step === 'code') return { step: 'code' };
    if (state.step === 'factor' && typeof state.code === 'string') return { step: 'factor', code: state.code };
    return null;
  },

  async start(turn, args) {
    switch (args.op) {
      case 'lookup': {
        const reading = readCode(turn, args.text) ?? (args.code ? { kind: 'code', code: args.code } : null);
        return onReading(turn, reading);
      }
      case 'follow':
        return follow(turn, args.code);
      case 'unfollow':
        return unfollow(turn, args.code);
      case 'details':
        return askFactor(turn, args.code);
    }
  },

  async reply(turn, state) {
    const reading = readCode(turn, turn.input.text);
    if (reading) adoptLanguage(turn);
    if (state.step === 'code') return reading ? onReading(turn, reading) : NOT_MINE;
    if (reading?.kind === 'code') return lookup(turn, reading.code);
    const digits = turn.input.text.replace(/[\s.-]/g, '');
    if (/^\d{4}$/.test(digits)) return verify(turn, state.code, digits);
    if (/\d/.test(digits)) {
      turn.reply.say(turn.t('dossier.factorAgain'));
      return { kind: 'waiting', state };
    }
    return NOT_MINE;
  },

  prompt(turn, state, nudge) {
    if (state.step === 'code') turn.reply.say(nudge ? turn.t('dossier.askAgain') : askText(turn));
    else turn.reply.say(turn.t(nudge ? 'dossier.factorAgain' : 'dossier.factorAsk'));
  },

  describe(turn, state) {
    return state.step === 'code' ? turn.t('dossier.describe') : turn.t('dossier.describeFactor', { code: state.code });
  },
};

/** A sentence typed while the flow waits ("the status of … please") sets the language, as it would outside. */
function adoptLanguage(turn: Turn): void {
  const language = turn.understander.understand(turn.input.normalized).language;
  if (language && language !== turn.locale) {
    turn.setLocale(language);
    turn.data.locale = language;
  }
}

function readCode(turn: Turn, text: string): CodeReading | null {
  return text ? turn.services.dossiers.codes.read(text) : null;
}

async function onReading(turn: Turn, reading: CodeReading | null): Promise<Step> {
  if (reading?.kind === 'code') return lookup(turn, reading.code);
  turn.reply.say(reading ? turn.t('dossier.malformed', { typed: reading.text }) : askText(turn));
  turn.reply.offer([menuButton(turn, 'officer'), keyButton(turn, 'buttons.menu', { kind: 'menu', item: 'ask' })]);
  return { kind: 'waiting', state: { step: 'code' } };
}

async function lookup(turn: Turn, code: string): Promise<Step> {
  const result = await turn.services.dossiers.lookup.check(userKey(turn), code);
  const { portal, url } = portalOf(turn);
  switch (result.kind) {
    case 'found':
      await show(turn, result.dossier);
      return DONE;
    case 'not-found':
      turn.reply.say(turn.t('dossier.notFound', { code, portal, url }));
      turn.reply.offer([anotherButton(turn), menuButton(turn, 'officer'), menuButton(turn, 'ask')]);
      return DONE;
    case 'limited': {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      turn.reply.say(turn.t(result.by === 'user' ? 'dossier.limitedUser' : 'dossier.limitedCode', { minutes, portal, url }));
      turn.reply.offer([menuButton(turn, 'officer'), menuButton(turn, 'ask')]);
      return DONE;
    }
    case 'unavailable':
      turn.reply.say(turn.t('dossier.unavailable', { portal, url }));
      turn.reply.offer([anotherButton(turn), menuButton(turn, 'officer'), menuButton(turn, 'ask')]);
      return DONE;
  }
}

/** The status, then what the user can do next: follow it, read the note, see the procedure's papers. */
async function show(turn: Turn, dossier: Dossier, extra: string[] = []): Promise<void> {
  const guarded = guardsDetails(dossier);
  // Once the note is shown, the line pointing to it is not needed.
  const details = extra.length ? null : privateDetails(dossier);
  turn.reply.say([...dossierLines(turn, { dossier: publicView(dossier), details, now: Date.now() }), ...extra]);
  const entry = procedureEntry(turn, dossier.procedure);
  if (entry) turn.profile.lastEntryId = entry.id;
  const buttons: Button[] = [];
  if (!FINAL_STATUSES.has(dossier.status)) {
    const following = await isFollowing(turn, dossier.code);
    buttons.push(dossierButton(turn, following ? 'unfollow' : 'follow', dossier.code));
  }
  if (guarded && extra.length === 0) buttons.push(dossierButton(turn, 'details', dossier.code));
  if (entry && (dossier.status === 'supplement' || dossier.status === 'returned')) {
    buttons.push(keyButton(turn, 'dossier.buttons.papers', { kind: 'entry', id: entry.id, aspect: 'documents' }));
  }
  buttons.push(anotherButton(turn), menuButton(turn, 'officer'), keyButton(turn, 'buttons.menu', { kind: 'menu', item: 'ask' }));
  turn.reply.offer(buttons);
}

async function follow(turn: Turn, code: string): Promise<Step> {
  const { dossiers } = turn.services;
  try {
    const dossier = await dossiers.lookup.read(code);
    if (!dossier) return lookup(turn, code);
    const outcome = await dossiers.watch.subscribe(code, subscriber(turn), dossier.status);
    const days = dossiers.subscriptionDays;
    if (outcome === 'final') {
      turn.reply.say(turn.t('dossier.followFinal', { code }));
      turn.reply.offer([anotherButton(turn), menuButton(turn, 'ask')]);
      return DONE;
    }
    const lines = [turn.t(outcome === 'added' ? 'dossier.followed' : 'dossier.followedAgain', { code, days })];
    const window = windowText(turn);
    if (window) lines.push(turn.t('dossier.followWindow', { window }));
    turn.reply.say(lines);
    turn.reply.offer([dossierButton(turn, 'unfollow', code), anotherButton(turn), menuButton(turn, 'ask')]);
  } catch (error) {
    turn.services.logger.warn({ code, err: (error as Error).message }, 'dossier follow failed');
    const { portal, url } = portalOf(turn);
    turn.reply.say(turn.t('dossier.unavailable', { portal, url }));
    turn.reply.offer([menuButton(turn, 'ask')]);
  }
  return DONE;
}

async function unfollow(turn: Turn, code: string): Promise<Step> {
  const { watch } = turn.services.dossiers;
  const chat = chatKey(turn);
  const codes = code ? ((await watch.unsubscribe(code, chat)) ? [code] : []) : await watch.unsubscribeAll(chat);
  turn.reply.say(codes.length ? turn.t('dossier.unfollowed', { codes: codes.join(', ') }) : turn.t('dossier.notFollowing'));
  turn.reply.offer([anotherButton(turn), menuButton(turn, 'ask')]);
  return DONE;
}

async function askFactor(turn: Turn, code: string): Promise<Step> {
  const { lookup: dossierLookup, secondFactor } = turn.services.dossiers;
  const dossier = await dossierLookup.read(code);
  if (dossier && privateDetails(dossier) === 'atDesk') {
    turn.reply.say(turn.t('dossier.noteAtDesk'));
    turn.reply.offer([anotherButton(turn), menuButton(turn, 'officer'), menuButton(turn, 'ask')]);
    return DONE;
  }
  if (!dossier || !guardsDetails(dossier)) {
    turn.reply.say(turn.t('dossier.factorNothing'));
    turn.reply.offer([anotherButton(turn), menuButton(turn, 'ask')]);
    return DONE;
  }
  const locked = await secondFactor.lockedFor(userKey(turn), code);
  if (locked > 0) return sayLocked(turn, locked);
  turn.reply.say(turn.t('dossier.factorAsk'));
  return { kind: 'waiting', state: { step: 'factor', code } };
}

async function verify(turn: Turn, code: string, digits: string): Promise<Step> {
  const { lookup: dossierLookup, secondFactor } = turn.services.dossiers;
  const dossier = await dossierLookup.read(code);
  if (!dossier) return lookup(turn, code);
  const verdict = await secondFactor.verify(userKey(turn), dossier, digits);
  if (verdict.kind === 'locked') return sayLocked(turn, verdict.retryAfterSeconds);
  if (verdict.kind === 'wrong') {
    turn.reply.say([turn.t('dossier.factorWrong', { left: verdict.attemptsLeft }), turn.t('dossier.factorAgain')]);
    return { kind: 'waiting', state: { step: 'factor', code } };
  }
  const details: string[] = [];
  if (dossier.note) details.push(turn.t('dossier.note', { text: dossier.note }));
  if (dossier.pickup?.by === 'post' && dossier.pickup.details) details.push(turn.t('dossier.delivery', { text: dossier.pickup.details }));
  await show(turn, dossier, details);
  return DONE;
}

function sayLocked(turn: Turn, seconds: number): Step {
  turn.reply.say(turn.t('dossier.factorLocked', { minutes: Math.max(1, Math.ceil(seconds / 60)) }));
  turn.reply.offer([menuButton(turn, 'officer'), menuButton(turn, 'ask')]);
  return DONE;
}

/** The note and delivery details are shown only to someone who knows the phone's last 4 digits. */
function guardsDetails(dossier: Dossier): boolean {
  return dossier.phoneCheck !== null && hasPrivateDetails(dossier);
}

/** Without the phone's digits in the record there is no second factor: the details stay with the desk. */
function privateDetails(dossier: Dossier): PrivateDetails {
  if (!hasPrivateDetails(dossier)) return 'none';
  return dossier.phoneCheck !== null ? 'guarded' : 'atDesk';
}

async function isFollowing(turn: Turn, code: string): Promise<boolean> {
  try {
    return (await turn.services.dossiers.watch.codesOf(chatKey(turn))).includes(code);
  } catch {
    return false;
  }
}

function askText(turn: Turn): string {
  return turn.t('dossier.ask', { portal: portalOf(turn).portal });
}

function windowText(turn: Turn): string | null {
  const hours = turn.services.replyWindowHours(turn.activity.channelId);
  if (hours === null) return null;
  return hours % 24 === 0 && hours >= 48 ? turn.t('dossier.windowDays', { count: hours / 24 }) : turn.t('dossier.windowHours', { count: hours });
}

function dossierButton(turn: Turn, op: DossierOp, code: string): Button {
  return keyButton(turn, `dossier.buttons.${op}`, { kind: 'dossier', op, code });
}

function anotherButton(turn: Turn): Button {
  return keyButton(turn, 'dossier.buttons.another', { kind: 'menu', item: 'status' });
}

function portalOf(turn: Turn): { portal: string; url: string } {
  const text = new LocalText(turn.locale);
  return { portal: text.pick(turn.kb.site.portal_name), url: text.pick(turn.kb.site.portal_url) };
}

/** Who is asking, for the abuse limits and the second factor's lock: the channel's user id. */
function userKey(turn: Turn): string {
  return `${turn.activity.channelId ?? ''}:${turn.activity.from?.id ?? turn.conversationId}`;
}

/** The chat a subscription belongs to: one per conversation. */
export function chatKey(turn: Turn): string {
  return `${turn.activity.channelId ?? ''}/${turn.conversationId}`;
}

function subscriber(turn: Turn): Subscriber {
  const reference = TurnContext.getConversationReference(turn.activity);
  return { key: chatKey(turn), reference: JSON.stringify(reference), channel: turn.activity.channelId ?? '', locale: turn.locale };
}
