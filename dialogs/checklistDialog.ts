import type { TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { Answer } from '../bot/knowledge/languageData';
import type { ProcedureEntry } from '../bot/knowledge/types';
import { Button, offer } from './actions';
import { entryTexts } from './answerFlow';
import { ChecklistProgress, nextStep, startProgress } from './checklistProgress';
import { LocalText } from './localText';
import { menuButtons } from './menu';
import type { DialogServices } from './services';
import { openTurn, Turn } from './turn';

export const CHECKLIST_DIALOG = 'checklist';

export type ChecklistOptions = { entryId: string } | { resume: ChecklistProgress };

const ANSWER_KEY = Symbol('checklistAnswer');

/** The reply to the current question, as read by the main dialog (button or typed words). */
export function setChecklistAnswer(context: TurnContext, answer: Answer): void {
  context.turnState.set(ANSWER_KEY, answer);
}

/**
 * The papers check: the yes/no questions that matter for this user, then each needed paper in turn ("Bạn đã có …
 * chưa?"), then what they have, what is missing with where to get it, and where to apply online. Progress is the
 * dialog's state, so it lives in storage and survives a restart or a pause.
 */
export class ChecklistDialog extends Dialog<ChecklistOptions> {
  constructor(private readonly services: DialogServices) {
    super(CHECKLIST_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: ChecklistOptions): Promise<DialogTurnResult> {
    if (!options) return dc.endDialog();
    const progress = 'resume' in options ? options.resume : startProgress(options.entryId);
    dc.activeDialog!.state = progress;
    const turn = await openTurn(dc.context, this.services);
    const entry = procedure(turn, progress.entryId);
    if (!entry) return dc.endDialog();
    if (!('resume' in options)) await dc.context.sendActivity(turn.t('checklist.start', { title: title(turn, entry) }));
    return this.step(dc, turn, entry, progress);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const progress = dc.activeDialog!.state as ChecklistProgress;
    const turn = await openTurn(dc.context, this.services);
    const entry = procedure(turn, progress.entryId);
    if (!entry) return dc.endDialog();
    const answer = dc.context.turnState.get(ANSWER_KEY) as Answer | undefined;
    if (!answer) {
      await this.ask(turn, entry, progress, turn.t('checklist.repeat'));
      return Dialog.EndOfTurn;
    }
    const explanation = this.apply(turn, entry, progress, answer);
    if (explanation) await dc.context.sendActivity(explanation);
    return this.step(dc, turn, entry, progress);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const progress = instance.state as ChecklistProgress;
    const turn = await openTurn(context, this.services);
    const entry = procedure(turn, progress.entryId);
    if (entry) await this.ask(turn, entry, progress);
  }

  /** The progress of the active check, for pausing it. */
  static progressOf(dc: DialogContext): ChecklistProgress | undefined {
    return dc.activeDialog?.id === CHECKLIST_DIALOG ? (dc.activeDialog.state as ChecklistProgress) : undefined;
  }

  private async step(dc: DialogContext, turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress): Promise<DialogTurnResult> {
    if (nextStep(entry, progress).kind === 'done') {
      await this.summarise(turn, entry, progress);
      return dc.endDialog();
    }
    await this.ask(turn, entry, progress);
    return Dialog.EndOfTurn;
  }

  /** Records an answer; returns where to get a paper when the user does not know it. */
  private apply(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress, answer: Answer): string | undefined {
    const step = nextStep(entry, progress);
    if (step.kind === 'question') {
      if (answer === 'unknown') return turn.t('checklist.questionUnsure');
      progress.answers[step.name] = answer === 'yes';
      return undefined;
    }
    if (step.kind !== 'document') return undefined;
    if (answer === 'unknown') {
      progress.explained = step.index;
      const source = new LocalText(turn.locale).pick(entry.documents[step.index].source);
      return source ? turn.t('checklist.documentSource', { text: source }) : turn.t('checklist.noSource');
    }
    (answer === 'yes' ? progress.have : progress.missing).push(step.index);
    progress.explained = undefined;
    return undefined;
  }

  private async ask(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress, preface?: string): Promise<void> {
    const step = nextStep(entry, progress);
    const text = new LocalText(turn.locale);
    const button = (key: string, value: Answer): Button => ({ title: turn.t(key), action: { kind: 'answer', value } });
    let prompt: string;
    let buttons: Button[];
    if (step.kind === 'question') {
      prompt = text.pick(entry.questions[step.name]);
      buttons = [button('buttons.yes', 'yes'), button('buttons.no', 'no')];
    } else if (step.kind === 'document') {
      const name = lowerFirst(text.pick(entry.documents[step.index].name));
      prompt = turn.t('checklist.document', { index: step.position, total: step.total, name });
      buttons = [button('buttons.have', 'yes'), button('buttons.missing', 'no')];
      if (progress.explained !== step.index) buttons.push(button('buttons.unsure', 'unknown'));
    } else {
      return;
    }
    await offer(turn.context, turn.services.state, preface ? `${preface}\n${prompt}` : prompt, buttons);
  }

  private async summarise(turn: Turn, entry: ProcedureEntry, progress: ChecklistProgress): Promise<void> {
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
    if (entry.online.service !== 'none') lines.push('', texts.onlineLink(entry));
    const buttons: Button[] = [
      { title: turn.t('buttons.online'), action: { kind: 'aspect', id: entry.id, aspect: 'online' } },
      { title: turn.t('buttons.other'), action: { kind: 'other' } },
      ...menuButtons(turn.t).filter((button) => button.action.kind === 'menu' && button.action.item === 'officer'),
    ];
    await offer(turn.context, turn.services.state, lines.join('\n'), buttons);
  }
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
