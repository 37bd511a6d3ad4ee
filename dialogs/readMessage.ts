import type { KnowledgeBase } from '../bot/knowledge/types';
import type { NormalizedText } from '../bot/understanding/normalizer';
import type { PlaceMention } from '../bot/understanding/placeFinder';
import type { Understander, Understanding } from '../bot/understanding/understander';
import { redactPersonalData } from '../bot/text/redact';
import type { Action } from './actions';

/** What a question gets: an action, "did you mean" or "I don't know". */
export type QuestionOutcome = Action | { kind: 'unsure'; understanding: Understanding } | { kind: 'unknown'; question: string };

/** What a message asks for: an action, or an outcome of understanding that is not one. */
export type Intent =
  | QuestionOutcome
  /** A lone yes / no / don't know with no question asked. */
  | { kind: 'answerWord' }
  /**
   * Places of the served area named ("tôi ở Vĩnh Tiến"): which commune serves them, then what the question asked
   * besides gets (the answer, "did you mean", or "I don't know").
   */
  | { kind: 'place'; places: PlaceMention[]; then?: QuestionOutcome };

/** Everything the reading of one message depends on, taken from the turn (or, for `npm run classify`, a new chat). */
export interface MessageContext {
  understander: Pick<Understander, 'understand' | 'command' | 'answer'>;
  kb: Pick<KnowledgeBase, 'byId'>;
  normalized: NormalizedText;
  /** The text as typed (for the unanswered-question log, redacted). */
  text: string;
  /** The action of the live button the message picks (a tap, its title or its number). */
  picked?: Action;
  /** The action of a standing button ("Menu", "Gặp cán bộ") whose title is the whole message. */
  standing?: Action;
  /** The entry asked about last, when it still exists: a bare aspect ("còn lệ phí?") is about it. */
  lastEntryId?: string;
  /** The papers check was asked for before naming a procedure: the next procedure starts it. */
  wantsChecklist: boolean;
  /** A flow runs or waits: what a cancel command would end. With nothing to end, it shows the menu. */
  busy: boolean;
}

/** How a message was read: the intent run, and the understanding of its text when it came to that. */
export interface Reading {
  intent: Intent;
  understanding: Understanding | null;
}

/**
 * The one reading of a message, shared by the chat (the router) and `npm run classify`, so that what classify
 * reports is what the bot does: a button, a standing button's title, a command, a lone yes/no word, then the
 * understanding of the text.
 */
export function readMessage(context: MessageContext, answerWords: boolean): Reading {
  const direct = directAction(context);
  if (direct) return { intent: direct, understanding: null };
  if (answerWords && context.understander.answer(context.normalized)) return { intent: { kind: 'answerWord' }, understanding: null };
  const understanding = context.understander.understand(context.normalized, { lastEntryId: context.lastEntryId });
  return { intent: readUnderstanding(context, understanding), understanding };
}

/** A tap, a typed title or number, a standing button's title, a command: the actions that need no understanding. */
export function directAction(context: MessageContext): Action | null {
  if (context.picked) return context.picked;
  if (context.standing) return context.standing;
  switch (context.understander.command(context.normalized)) {
    case 'cancel':
      // "thoát", "menu" with nothing running: the menu, not "stopped".
      return context.busy ? { kind: 'cancel' } : { kind: 'menu', item: 'ask' };
    case 'resume':
      return { kind: 'resume' };
    case 'privacy':
      return { kind: 'menu', item: 'privacy' };
    case 'help':
      // The same as a tap on "Hỏi về thủ tục": the help, or inside a flow what it waits for, then its question again.
      return { kind: 'menu', item: 'ask' };
    default:
      return null;
  }
}

/** Free text, understood: each outcome becomes the action a button would have given. */
export function readUnderstanding(context: MessageContext, u: Understanding): Intent {
  switch (u.intent) {
    case 'status':
      return { kind: 'status', code: u.code };
    case 'greeting':
      return { kind: 'greeting' };
    case 'thanks':
      return { kind: 'thanks' };
    case 'help':
      return { kind: 'menu', item: 'ask' };
    case 'handoff':
      return { kind: 'menu', item: 'officer' };
    case 'language':
      return { kind: 'language', target: u.target ?? 'vi' };
    default:
      return readQuestion(context, u);
  }
}

/** A procedure question, with the places it names first: which commune serves them, then the answer. */
function readQuestion(context: MessageContext, u: Understanding): Intent {
  const intent = readProcedureQuestion(context, u);
  const places = u.places ?? [];
  if (places.length === 0) return intent;
  // A place with nothing else named: which commune serves it is the answer. A question that names more gets the
  // place's note, then its own answer (a topic's too: "Tôi ở Vĩnh Tiến ... muốn nộp hồ sơ trên Cổng Dịch vụ công
  // thì làm từng bước ra sao?" asks for the steps), "did you mean" or "I don't know": "... ra Trung tâm phục vụ
  // hành chính công xã Vĩnh Lộc để làm khai sinh cho cháu. Xin hỏi ... bao lâu" still asks about the birth
  // registration, never only where the desk is.
  const isTopic = (id: string | null | undefined) => (id ? context.kb.byId.get(id)?.kind === 'topic' : false);
  // Not sure, but of nothing besides a topic ("tôi ở xã Vĩnh Tiến cũ thì nộp hồ sơ ở đâu"): the place's desk is the
  // answer too. An uncovered question gets the place's note, then the honest "I don't know".
  const [best, next] = u.candidates;
  const onlyTopic = isTopic(u.id) && (!next || next.score < TOPIC_ALONE * best.score);
  const unsure = intent.kind === 'unsure' && (!u.specific || onlyTopic);
  const unknown = intent.kind === 'unknown' && !u.specific;
  if (unsure || unknown) return { kind: 'place', places };
  return { kind: 'place', places, then: intent };
}

/** How far behind a topic found unsure the next entry must be for the topic to be all the message asks. */
const TOPIC_ALONE = 0.5;

/** A follow-up on the last entry (its staff FAQ, or an aspect), a staff FAQ, a confident answer, "did you mean", or none. */
function readProcedureQuestion(context: MessageContext, u: Understanding): QuestionOutcome {
  if (u.faq && u.faq.entryId === context.lastEntryId) return { kind: 'faq', id: u.faq.entryId, index: u.faq.index };
  if (context.lastEntryId && u.aspect && !u.specific) return { kind: 'entry', id: context.lastEntryId, aspect: u.aspect };
  if (u.faq) return { kind: 'faq', id: u.faq.entryId, index: u.faq.index };
  const entry = u.decision === 'answer' && u.id ? context.kb.byId.get(u.id) : undefined;
  if (entry) {
    if (context.wantsChecklist && entry.kind === 'procedure') return { kind: 'checklist', id: entry.id };
    return { kind: 'entry', id: entry.id, aspect: u.aspect ?? undefined };
  }
  if (u.decision === 'clarify') return { kind: 'unsure', understanding: u };
  return { kind: 'unknown', question: redactPersonalData(context.text) };
}

/** The intent in a few words, for logs and for `npm run classify`: "entry", "menu:ask", "unsure", "place+entry"... */
export function describeIntent(intent: Intent): string {
  if (intent.kind === 'place') return intent.then ? `place+${describeIntent(intent.then)}` : 'place';
  return intent.kind === 'menu' ? `menu:${intent.item}` : intent.kind;
}

/** The intents the bot shows for a menu item. */
const MENU_INTENTS: Record<string, Understanding['intent']> = { ask: 'help', privacy: 'help', officer: 'handoff', status: 'status', online: 'procedure' };

/**
 * What the bot does with a message, in the shape of an Understanding: for `npm run classify` and `npm run eval`,
 * so their figures measure the product. A command, a standing button or a lone yes/no word counts as the intent it
 * shows ("menu" and "thoát" with nothing running show the menu: help); a question answered from the last entry or
 * a FAQ counts as a confident procedure answer.
 */
export function understandingOf(reading: Reading): Understanding {
  const base: Understanding = reading.understanding ?? {
    intent: 'none', id: null, decision: 'answer', aspect: null, code: null, confidence: 1, candidates: [], language: null,
    target: null, specific: false, faq: null,
  };
  const { intent } = reading;
  const said = (name: Understanding['intent']): Understanding => ({ ...base, intent: name, id: null, decision: 'answer' });
  switch (intent.kind) {
    case 'entry':
    case 'faq':
      return { ...base, intent: 'procedure', id: intent.id, decision: 'answer' };
    case 'checklist':
      return { ...base, intent: 'procedure', id: intent.id ?? null, decision: 'answer' };
    case 'unsure':
      return intent.understanding;
    case 'unknown':
    case 'answerWord':
    case 'other':
    case 'noneOfThese':
      return { ...said('none'), decision: 'none' };
    case 'menu':
      return said(MENU_INTENTS[intent.item]);
    case 'resume':
    case 'cancel':
    case 'group':
      return said('help');
    case 'status':
      return { ...said('status'), code: intent.code };
    case 'dossier':
      return { ...said('status'), code: intent.code || null };
    case 'language':
      return { ...said('language'), target: intent.target };
    case 'greeting':
    case 'thanks':
      return said(intent.kind);
    case 'place':
      // The commune that serves the place named, then (when asked) the procedure's answer.
      return intent.then ? understandingOf({ intent: intent.then, understanding: reading.understanding }) : { ...said('procedure'), places: base.places };
    default:
      return base;
  }
}
