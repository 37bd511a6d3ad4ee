import type { Answer } from '../bot/knowledge/languageData';
import type { ProcedureEntry } from '../bot/knowledge/types';
import type { Button } from './actions';
import { keyButton } from './buttons';
import { ChecklistProgress, fitProgress, nextStep, parseProgress, startProgress } from './checklistProgress';
import { entryTexts, sayOnline } from './answerFlow';
import { NOT_MINE, type Flow, type FlowStep } from './flow';
import { LocalText } from './localText';
import { menuButton, sendWithMenu } from './menu';
import type { Turn } from './turn';

export const CHECKLIST_FLOW = 'checklist';

/** Start a new check for an entry, or go on with one that was paused. */
export type ChecklistArgs = { entryId: string } | { resume: ChecklistProgress };

type Step = FlowStep<ChecklistProgress>;

/**
 * The papers check: the yes/no questions that matter for this user, then each needed paper in turn ("Bạn đã có …
 * chưa?"), then what they have, what is missing with where to get it, and where to apply online. Its progress is
 * the flow's state, so it lives in storage and survives a restart or a pause.
 */
export const checklistFlow: Flow<ChecklistProgress, ChecklistArgs> = {
  id: CHECKLIST_FLOW,

  parse: parseProgress,

  async start(turn, args) {
    const started = 'resume' in args ? args.resume : startProgress(args.entryId);
    const entry = procedure(turn, started.entryId);
    if (!entry) return gone(turn);
    const progress = fitProgress(entry, started);
    if (!('resume' in args)) turn.reply.say(turn.t('checklist.start', { title: title(turn, entry) }));
    return step(turn, entry, progress);
  },

  async reply(turn, stored, value) {
    const entry = procedure(turn, stored.entryId);
    if (!entry) return gone(turn);
    const progress = fitProgress(entry, stored);
    const answer = (value as Answer | undefined) ?? turn.understander.answer(turn.input.normalized) ?? undefined;
    if (!answer) return NOT_MINE;
    const explanation = apply(turn, entry, progress, answer);
    if (explanation) turn.reply.say(explanation);
    return step(turn, entry, progress);
  },

  prompt(turn, progress, nudge) {
    const entry = procedure(turn, progress.entryId);
    if (entry) ask(turn, entry, fitProgress(entry, progress), nudge ? turn.t('checklist.repeat') : undefined);
    else gone(turn);
  },

  describe(turn, progress) {
    const entry = turn.kb.byId.get(progress.entryId);
    return turn.t('checklist.describe', { title: entry ? new LocalText(turn.locale).pick(entry.title) : progress.entryId });
  },
};

function step(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress): Step {
  if (nextStep(entry, progress).kind === 'done') {
    summarise(turn, entry, progress);
    return { kind: 'done' };
  }
  ask(turn, entry, progress);
  return { kind: 'waiting', state: progress };
}

/** Records an answer; returns where to get a paper when the user does not know it. */
function apply(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress, answer: Answer): string | undefined {
  const current = nextStep(entry, progress);
  if (current.kind === 'question') {
    if (answer === 'unknown') return turn.t('checklist.questionUnsure');
    progress.answers[current.name] = answer === 'yes';
    return undefined;
  }
  if (current.kind !== 'document') return undefined;
  if (answer === 'unknown') {
    progress.explained = current.index;
    const source = new LocalText(turn.locale).pick(entry.documents[current.index].source);
    return source ? turn.t('checklist.documentSource', { text: source }) : turn.t('checklist.noSource');
  }
  (answer === 'yes' ? progress.have : progress.missing).push(current.index);
  progress.explained = undefined;
  return undefined;
}

function ask(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress, preface?: string): void {
  const current = nextStep(entry, progress);
  const text = new LocalText(turn.locale);
  const button = (key: string, value: Answer): Button => keyButton(turn, key, { kind: 'reply', flow: CHECKLIST_FLOW, value });
  if (preface) turn.reply.say(preface);
  if (current.kind === 'question') {
    turn.reply.say(text.pick(entry.questions[current.name]));
    turn.reply.offer([button('buttons.yes', 'yes'), button('buttons.no', 'no')]);
  } else if (current.kind === 'document') {
    const doc = entry.documents[current.index];
    const name = lowerFirst(text.pick(doc.name));
    const note = text.pick(doc.note);
    turn.reply.say([turn.t('checklist.document', { index: current.position, total: current.total, name }), ...(note ? [turn.t('answer.note', { text: note })] : [])]);
    const buttons = [button('buttons.have', 'yes'), button('buttons.missing', 'no')];
    if (progress.explained !== current.index) buttons.push(button('buttons.unsure', 'unknown'));
    turn.reply.offer(buttons);
  }
}

function summarise(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress): void {
  const texts = entryTexts(turn);
  const name = (index: number) => texts.text.pick(entry.documents[index].name);
  const lines = [turn.t('checklist.summaryTitle', { title: title(turn, entry) })];
  if (progress.have.length) lines.push(turn.t('checklist.have'), ...progress.have.map((index) => `• ${name(index)}`));
  if (progress.missing.length) {
    lines.push(turn.t('checklist.missing'));
    for (const index of progress.missing) {
      const source = texts.text.pick(entry.documents[index].source) || turn.t('checklist.noSource');
      lines.push(turn.t('checklist.missingLine', { name: name(index), source }));
    }
  } else {
    lines.push(turn.t('checklist.allReady'));
  }
  turn.reply.say(lines);
  sayOnline(turn, texts, entry);
  turn.reply.offer([
    keyButton(turn, 'buttons.online', { kind: 'entry', id: entry.id, aspect: 'online' }),
    keyButton(turn, 'buttons.other', { kind: 'other' }),
    menuButton(turn, 'officer'),
  ]);
}

/** The procedure left the knowledge base (or lost its papers) since the check started. */
function gone(turn: Turn): Step {
  sendWithMenu(turn, turn.t('checklist.gone'));
  return { kind: 'done' };
}

function procedure(turn: Turn, id: string): ProcedureEntry | undefined {
  const entry = turn.kb.byId.get(id);
  return entry?.kind === 'procedure' ? entry : undefined;
}

function title(turn: Turn, entry: ProcedureEntry): string {
  return new LocalText(turn.locale).pick(entry.title);
}

/** "Giấy chứng sinh" reads better as "giấy chứng sinh" inside a question; acronyms (BHYT) are left alone. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
