import type { Aspect, Locale } from '../bot/knowledge/types';
import type { NormalizedText } from '../bot/understanding/normalizer';
import type { Understanding } from '../bot/understanding/understander';
import { keepsFlow, standingAction, type Action, type MenuItem } from './actions';
import { describeIntent, directAction, readMessage, readUnderstanding, type Intent, type MessageContext } from './readMessage';
import { answerEntry, answerFaq } from './answerFlow';
import { CHECKLIST_FLOW, type ChecklistArgs } from './checklistFlow';
import { showClarify, showNotKnown } from './clarifyFlow';
import { DOSSIER_FLOW, type DossierArgs } from './dossierFlow';
import type { FlowRecord } from './conversationData';
import { recordFeedback } from './feedbackFlow';
import { NOT_MINE, type Flow, type FlowRegistry, type FlowStep } from './flow';
import { showHandoff } from './handoffFlow';
import { showGroup, showHelp } from './helpFlow';
import { LocalText } from './localText';
import { sendWelcome, sendWithMenu, welcomeOnJoin } from './menu';
import { sayPlaceNote, showPlace } from './placeFlow';
import { showPrivacy } from './privacyFlow';
import type { Turn } from './turn';

/** The entry an intent is about, for the route log. */
function entryOf(intent: Intent): string | undefined {
  if (intent.kind === 'unsure') return intent.understanding.id ?? undefined;
  if (intent.kind === 'place') return intent.then && 'id' in intent.then ? intent.then.id : undefined;
  return 'id' in intent ? intent.id : undefined;
}

interface ActiveFlow {
  flow: Flow;
  state: unknown;
}

/**
 * The conversation's one entry point. Every message becomes an intent the same way, whether it was tapped, typed
 * as a button's title, picked by number or written freely; then it is run, or, while a flow waits for a reply,
 * handed to the flow, kept (help, menu, language, privacy), cancelled, or allowed to pause the flow.
 */
export class Router {
  constructor(private readonly flows: FlowRegistry) {}

  async onMessage(turn: Turn): Promise<void> {
    if (turn.input.truncated) turn.reply.say(turn.t('input.truncated'));
    const active = this.active(turn);
    if (turn.input.pick?.kind === 'stale' && turn.degraded) {
      // Without the stored state every earlier button looks stale: it is the state that is missing.
      turn.trace.intent = 'degraded';
      sendWithMenu(turn, turn.t('degraded.state'));
      return;
    }
    if (turn.input.pick?.kind === 'stale') {
      turn.reply.say(turn.t('buttons.stale'));
      if (active) active.flow.prompt(turn, active.state, false);
      else sendWithMenu(turn, turn.t('welcome.again'));
      return;
    }
    if (!turn.input.text && !turn.input.pick) {
      sendWithMenu(turn, turn.t('fallback.textOnly'));
      return;
    }
    if (active) await this.continueFlow(turn, active);
    else await this.run(turn, this.read(turn, true));
  }

  async onJoin(turn: Turn): Promise<void> {
    welcomeOnJoin(turn);
  }

  private active(turn: Turn): ActiveFlow | null {
    return this.record(turn.data.flow);
  }

  private record(record: FlowRecord | undefined): ActiveFlow | null {
    const flow = record ? this.flows.get(record.id) : undefined;
    const state = flow ? flow.parse(record!.state) : null;
    return flow && state !== null ? { flow, state } : null;
  }

  /** What the reading of this turn's message depends on. */
  private context(turn: Turn, normalized: NormalizedText = turn.input.normalized, text: string = turn.input.text): MessageContext {
    const pick = turn.input.pick;
    return {
      understander: turn.understander,
      kb: turn.kb,
      normalized,
      text,
      picked: pick?.kind === 'live' ? pick.action : undefined,
      standing: standingAction(normalized.folded, turn.services.i18n.t, turn.profile.lastEntryId),
      lastEntryId: turn.lastEntry()?.id,
      wantsChecklist: Boolean(turn.data.wantsChecklist),
      busy: Boolean(turn.data.flow || turn.data.paused || turn.data.wantsChecklist),
    };
  }

  private read(turn: Turn, answerWords: boolean): Intent {
    const reading = readMessage(this.context(turn), answerWords);
    if (reading.understanding) this.followUnderstanding(turn, reading.understanding);
    // Ids and kinds only: what was routed where, never what was typed.
    turn.services.logger.debug({ route: describeIntent(reading.intent), entry: entryOf(reading.intent) }, 'message read');
    return reading.intent;
  }

  /** Free text, understood: each outcome becomes the action a button would have given. */
  private understand(turn: Turn, normalized: NormalizedText, text: string): Intent {
    const context = this.context(turn, normalized, text);
    const u = turn.understander.understand(normalized, { lastEntryId: context.lastEntryId });
    this.followUnderstanding(turn, u);
    return readUnderstanding(context, u);
  }

  /** The turn's trace gets the decision; the reply comes in the language the message is written in, when it tells. */
  private followUnderstanding(turn: Turn, u: Understanding): void {
    Object.assign(turn.trace, { decision: u.decision, confidence: u.confidence, entryId: u.id ?? undefined });
    if (!u.language) return;
    turn.setLocale(u.language);
    turn.data.locale = u.language;
  }

  private async continueFlow(turn: Turn, active: ActiveFlow): Promise<void> {
    const { flow, state } = active;
    turn.trace.intent = `flow:${flow.id}`;
    let intent: Intent | null = directAction(this.context(turn));
    if (intent?.kind === 'reply' && intent.flow === flow.id) {
      const step = await flow.reply(turn, state, intent.value);
      if (step === NOT_MINE) return flow.prompt(turn, state, true);
      return this.settle(turn, flow, step);
    }
    if (!intent) {
      const step = await flow.reply(turn, state, undefined);
      if (step !== NOT_MINE) return this.settle(turn, flow, step);
      intent = this.understand(turn, turn.input.normalized, turn.input.text);
    }
    if (intent.kind === 'unsure' || intent.kind === 'unknown' || intent.kind === 'answerWord' || intent.kind === 'reply') {
      flow.prompt(turn, state, true);
      return;
    }
    if (intent.kind === 'cancel') return this.cancel(turn);
    if (flow.id === DOSSIER_FLOW && (isDossierAction(intent) || (intent.kind === 'resume' && turn.data.paused))) {
      // Waiting for a code or digits is no task to come back to: another lookup, a dossier button, or "tiếp tục"
      // (back to the paused check) simply leaves it.
      turn.data.flow = undefined;
      return this.run(turn, intent);
    }
    if (intent.kind !== 'place' && (keepsFlow(intent) || this.restarts(turn, intent))) {
      this.showKept(turn, intent, flow.describe(turn, state));
      flow.prompt(turn, state, false);
      return;
    }
    turn.data.paused = { id: flow.id, state };
    turn.data.flow = undefined;
    await this.run(turn, intent);
    turn.reply.say(turn.t('flow.paused', { what: flow.describe(turn, state) }));
  }

  /** Asking to start the check that is already running just asks its question again. */
  private restarts(turn: Turn, action: Action): boolean {
    return action.kind === 'checklist' && turn.data.flow?.id === CHECKLIST_FLOW && (!action.id || (turn.data.flow.state as { entryId?: string }).entryId === action.id);
  }

  /** What help, menu, language and privacy show inside a flow, before its question is asked again. */
  private showKept(turn: Turn, action: Action, what: string): void {
    if (action.kind === 'menu' && action.item === 'ask') turn.reply.say(turn.t('flow.inFlow', { what }));
    if (action.kind === 'menu' && action.item === 'privacy') turn.reply.say(turn.t('privacy.text', turn.services.retention));
    if (action.kind === 'language') {
      this.switchLanguage(turn, action.target);
      turn.reply.say(turn.t('language.inFlow'));
    }
  }

  private settle(turn: Turn, flow: Flow, step: FlowStep<unknown>): void {
    turn.data.flow = step.kind === 'waiting' ? { id: flow.id, state: step.state } : undefined;
  }

  private async startFlow(turn: Turn, id: string, args: unknown): Promise<void> {
    const flow = this.flows.get(id);
    if (flow) this.settle(turn, flow, await flow.start(turn, args));
  }

  private async run(turn: Turn, intent: Intent): Promise<void> {
    traceIntent(turn, intent);
    if (turn.degraded && NEEDS_STATE.has(intent.kind)) {
      sendWithMenu(turn, turn.t('degraded.state'));
      return;
    }
    if (!turn.data.welcomed && intent.kind !== 'greeting') {
      // First contact straight with a question: the privacy line still comes first.
      turn.data.welcomed = true;
      turn.reply.say(turn.t('welcome.privacy'));
    }
    switch (intent.kind) {
      case 'entry':
        return this.answerById(turn, intent.id, intent.aspect);
      case 'faq': {
        const entry = turn.kb.byId.get(intent.id);
        if (entry) answerFaq(turn, entry, intent.index);
        else showNotKnown(turn);
        return;
      }
      case 'checklist':
        return this.startChecklist(turn, intent.id);
      case 'feedback':
        return recordFeedback(turn, intent.id, intent.useful);
      case 'menu':
        return this.runMenu(turn, intent.item);
      case 'group':
        return showGroup(turn, intent.index);
      case 'reply':
        return this.replyToPaused(turn, intent);
      case 'resume':
        return this.resume(turn);
      case 'cancel':
        return this.cancel(turn);
      case 'other':
      case 'answerWord':
        return sendWithMenu(turn, turn.t('other.prompt'));
      case 'greeting':
        if (turn.data.welcomed) sendWithMenu(turn, turn.t('welcome.again'));
        else sendWelcome(turn);
        return;
      case 'thanks':
        return sendWithMenu(turn, turn.t('thanks.reply'));
      case 'language':
        this.switchLanguage(turn, intent.target);
        return sendWithMenu(turn, turn.t('language.switched'));
      case 'status':
        return this.startDossier(turn, { op: 'lookup', text: turn.input.text, code: intent.code });
      case 'dossier':
        return this.startDossier(turn, { op: intent.op, code: intent.code });
      case 'ask':
        return this.run(turn, this.understand(turn, turn.understander.normalize(intent.text), intent.text));
      case 'noneOfThese':
        return showNotKnown(turn);
      case 'unsure':
        return showClarify(turn, intent.understanding);
      case 'unknown':
        return showNotKnown(turn, intent.question);
      case 'place':
        if (!intent.then) return showPlace(turn, intent.places);
        sayPlaceNote(turn, intent.places);
        return this.run(turn, intent.then);
    }
  }

  private answerById(turn: Turn, id: string, aspect?: Aspect | 'overview'): void {
    const entry = turn.kb.byId.get(id);
    if (entry) answerEntry(turn, entry, aspect);
    else showNotKnown(turn);
  }

  private async runMenu(turn: Turn, item: MenuItem): Promise<void> {
    switch (item) {
      case 'ask':
        return showHelp(turn);
      case 'status':
        return this.startDossier(turn, { op: 'lookup', text: '', code: null });
      case 'officer':
        return showHandoff(turn);
      case 'privacy':
        return showPrivacy(turn);
      case 'online': {
        const last = turn.lastEntry();
        if (last) return this.answerById(turn, last.id, 'online');
        if (turn.kb.menu.online) return this.answerById(turn, turn.kb.menu.online);
        return showHelp(turn);
      }
    }
  }

  private startDossier(turn: Turn, args: DossierArgs): Promise<void> {
    return this.startFlow(turn, DOSSIER_FLOW, args);
  }

  private async startChecklist(turn: Turn, id?: string): Promise<void> {
    const entry = turn.kb.byId.get(id ?? turn.profile.lastEntryId ?? '');
    if (!entry) {
      turn.data.wantsChecklist = true;
      turn.reply.say(turn.t('checklist.needEntry'));
      return;
    }
    turn.data.wantsChecklist = undefined;
    turn.profile.lastEntryId = entry.id;
    if (entry.kind !== 'procedure' || entry.documents.length === 0) {
      sendWithMenu(turn, turn.t('checklist.noDocuments', { title: new LocalText(turn.locale).pick(entry.title) }));
      return;
    }
    const args: ChecklistArgs = { entryId: entry.id };
    await this.startFlow(turn, CHECKLIST_FLOW, args);
  }

  private async resume(turn: Turn): Promise<void> {
    const paused = this.record(turn.data.paused);
    turn.data.paused = undefined;
    if (!paused) {
      sendWithMenu(turn, turn.t('checklist.nothingToResume'));
      return;
    }
    turn.data.flow = { id: paused.flow.id, state: paused.state };
    paused.flow.prompt(turn, paused.state, false);
  }

  /** A tap on a button of a flow that was paused since: resume it and take the answer. */
  private async replyToPaused(turn: Turn, action: Action & { kind: 'reply' }): Promise<void> {
    const paused = this.record(turn.data.paused);
    if (!paused || paused.flow.id !== action.flow) return sendWithMenu(turn, turn.t('buttons.stale'));
    turn.data.paused = undefined;
    const step = await paused.flow.reply(turn, paused.state, action.value);
    if (step === NOT_MINE) paused.flow.prompt(turn, paused.state, true);
    this.settle(turn, paused.flow, step === NOT_MINE ? { kind: 'waiting', state: paused.state } : step);
  }

  private cancel(turn: Turn): void {
    turn.data.flow = undefined;
    turn.data.paused = undefined;
    turn.data.wantsChecklist = undefined;
    sendWithMenu(turn, turn.t('checklist.cancelled'));
  }

  private switchLanguage(turn: Turn, target: Locale): void {
    turn.profile.locale = target;
    turn.data.locale = target;
    turn.setLocale(target);
  }
}

/**
 * What cannot be done without the conversation's stored state (a degraded turn, Redis away): a papers check,
 * resuming or answering a paused flow, and a lone yes/no, which answers a question the bot cannot remember.
 */
const NEEDS_STATE = new Set<Intent['kind']>(['checklist', 'resume', 'reply', 'answerWord']);

/** The turn's log line and metrics: what was run, and the entry it was about. */
function traceIntent(turn: Turn, intent: Intent): void {
  turn.trace.intent = intent.kind;
  if ('id' in intent && typeof intent.id === 'string') turn.trace.entryId = intent.id;
  else if (intent.kind === 'unsure') turn.trace.entryId = intent.understanding.candidates[0]?.id;
}

function isDossierAction(intent: Intent): boolean {
  return intent.kind === 'status' || intent.kind === 'dossier' || (intent.kind === 'menu' && intent.item === 'status');
}
