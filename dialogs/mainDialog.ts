import { ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Command } from '../bot/knowledge/languageData';
import { redactPersonalData } from '../bot/redact';
import type { Aspect } from '../bot/knowledge/types';
import type { Understanding } from '../bot/understanding/understander';
import { Action, standingAction, takeAction } from './actions';
import { answerEntry } from './answerFlow';
import { CHECKLIST_DIALOG, ChecklistDialog, setChecklistAnswer } from './checklistDialog';
import { showClarify, showNotKnown } from './clarifyFlow';
import { recordFeedback } from './feedbackFlow';
import { showHandoff } from './handoffFlow';
import { showGroup, showHelp } from './helpFlow';
import { LocalText } from './localText';
import { sendWelcome, sendWithMenu } from './menu';
import { showPrivacy } from './privacyFlow';
import type { DialogServices } from './services';
import { showStatus } from './statusFlow';
import { openTurn, Turn } from './turn';
import { setTurnLocale } from './turnLocale';

export const MAIN_DIALOG = 'main';

const DONE: DialogTurnResult = { status: DialogTurnStatus.complete };

/**
 * The root of every conversation. A new message is routed here: a button's action, a command, or what the
 * understanding makes of the text. While the papers check runs, its replies go to it, and everything else
 * (help, menu, cancel, language, handoff, another question) is handled here, once, for every flow.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new ChecklistDialog(services));
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const turn = await openTurn(inner.context, this.services);
    const text = inner.context.activity.text?.trim() ?? '';
    if (!text) {
      await sendWithMenu(turn, turn.t('fallback.textOnly'));
      return DONE;
    }
    const action = (await takeAction(inner.context, this.services.state)) ?? this.standing(turn, text);
    if (action && action.kind !== 'text') return this.runAction(inner, turn, action);
    const command = turn.understander.command(text);
    if (command) return this.runCommand(inner, turn, command);
    if (turn.understander.answer(text)) {
      await sendWithMenu(turn, turn.t('other.prompt'));
      return DONE;
    }
    const understanding = this.understand(turn, text);
    if (!turn.data.welcomed && understanding.intent !== 'greeting') {
      // First contact straight with a question: the privacy line still comes first, in one short message.
      turn.data.welcomed = true;
      await inner.context.sendActivity(turn.t('welcome.privacy'));
    }
    return this.runUnderstanding(inner, turn, understanding, text);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const turn = await openTurn(inner.context, this.services);
    const text = inner.context.activity.text?.trim() ?? '';
    const action = (await takeAction(inner.context, this.services.state)) ?? this.standing(turn, text);
    if (action?.kind === 'answer') {
      setChecklistAnswer(inner.context, action.value);
      return super.onContinueDialog(inner);
    }
    if (action && action.kind !== 'text') {
      await inner.cancelAllDialogs();
      return this.runAction(inner, turn, action);
    }
    const command = turn.understander.command(text);
    if (command === 'resume' || command === 'privacy') {
      if (command === 'privacy') await showPrivacy(turn);
      await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (command === 'cancel') return this.cancel(inner, turn);
    const answer = turn.understander.answer(text);
    if (answer) {
      setChecklistAnswer(inner.context, answer);
      return super.onContinueDialog(inner);
    }
    return this.interrupt(inner, turn, text);
  }

  /** Something other than an answer while the check runs: help and language keep it; a question pauses it. */
  private async interrupt(inner: DialogContext, turn: Turn, text: string): Promise<DialogTurnResult> {
    const understanding = this.understand(turn, text);
    const { intent, decision } = understanding;
    if (intent === 'help' || intent === 'greeting' || intent === 'thanks' || intent === 'language') {
      if (intent === 'language' && understanding.target) this.switchLanguage(turn, understanding.target);
      const entry = turn.kb.byId.get(ChecklistDialog.progressOf(inner)?.entryId ?? '');
      if (intent === 'help' && entry) await inner.context.sendActivity(turn.t('help.inFlow', { title: new LocalText(turn.locale).pick(entry.title) }));
      await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (intent === 'procedure' && decision !== 'answer') return super.onContinueDialog(inner);
    if (intent === 'none') return super.onContinueDialog(inner);
    await this.pause(inner, turn);
    await this.runUnderstanding(inner, turn, understanding, text);
    const paused = turn.kb.byId.get(turn.data.pausedChecklist?.entryId ?? '');
    if (paused) await inner.context.sendActivity(turn.t('checklist.paused', { title: new LocalText(turn.locale).pick(paused.title) }));
    return DONE;
  }

  /** Keeps the check's progress aside so "tiếp tục" can pick it up, and leaves the flow. */
  private async pause(inner: DialogContext, turn: Turn): Promise<void> {
    const progress = ChecklistDialog.progressOf(inner);
    if (progress) turn.data.pausedChecklist = { ...progress };
    await inner.cancelAllDialogs();
  }

  private async cancel(inner: DialogContext, turn: Turn): Promise<DialogTurnResult> {
    await inner.cancelAllDialogs();
    turn.data.pausedChecklist = undefined;
    turn.data.wantsChecklist = undefined;
    await sendWithMenu(turn, turn.t('checklist.cancelled'));
    return DONE;
  }

  private standing(turn: Turn, text: string): Action | undefined {
    return standingAction(text, this.services.i18n.t, turn.profile.lastEntryId);
  }

  private understand(turn: Turn, text: string): Understanding {
    const understanding = turn.understander.understand(text);
    if (understanding.language) {
      setTurnLocale(turn.context, understanding.language);
      turn.data.locale = understanding.language;
    }
    return understanding;
  }

  private switchLanguage(turn: Turn, target: 'vi' | 'en'): void {
    turn.profile.locale = target;
    turn.data.locale = target;
    setTurnLocale(turn.context, target);
  }

  private async runCommand(inner: DialogContext, turn: Turn, command: Command): Promise<DialogTurnResult> {
    if (command === 'cancel') return this.cancel(inner, turn);
    if (command === 'privacy') {
      await showPrivacy(turn);
      return DONE;
    }
    const paused = turn.data.pausedChecklist;
    if (!paused) {
      await sendWithMenu(turn, turn.t('checklist.nothingToResume'));
      return DONE;
    }
    turn.data.pausedChecklist = undefined;
    return inner.beginDialog(CHECKLIST_DIALOG, { resume: paused });
  }

  private async runUnderstanding(inner: DialogContext, turn: Turn, u: Understanding, text: string): Promise<DialogTurnResult> {
    switch (u.intent) {
      case 'status':
        await showStatus(turn, u.code);
        return DONE;
      case 'greeting':
        if (turn.data.welcomed) await sendWithMenu(turn, turn.t('welcome.again'));
        else await sendWelcome(turn);
        return DONE;
      case 'thanks':
        await sendWithMenu(turn, turn.t('thanks.reply'));
        return DONE;
      case 'help':
        await showHelp(turn);
        return DONE;
      case 'handoff':
        await showHandoff(turn);
        return DONE;
      case 'language':
        this.switchLanguage(turn, u.target ?? 'vi');
        await sendWithMenu(turn, turn.t('language.switched'));
        return DONE;
      default:
        return this.answerQuestion(inner, turn, u, text);
    }
  }

  /** A procedure question: a follow-up on the last entry, a confident answer, "did you mean", or "I don't know". */
  private async answerQuestion(inner: DialogContext, turn: Turn, u: Understanding, text: string): Promise<DialogTurnResult> {
    const last = turn.lastEntry();
    if (last && u.aspect && !u.specific) {
      await answerEntry(turn, last, u.aspect);
      return DONE;
    }
    const entry = u.decision === 'answer' && u.id ? turn.kb.byId.get(u.id) : undefined;
    if (entry) {
      if (turn.data.wantsChecklist && entry.kind === 'procedure') return this.startChecklist(inner, turn, entry.id);
      await answerEntry(turn, entry, u.aspect ?? undefined);
      return DONE;
    }
    if (u.decision === 'clarify') await showClarify(turn, u);
    else await showNotKnown(turn, redactPersonalData(text));
    return DONE;
  }

  private async startChecklist(inner: DialogContext, turn: Turn, id?: string): Promise<DialogTurnResult> {
    const entry = turn.kb.byId.get(id ?? turn.profile.lastEntryId ?? '');
    if (!entry) {
      turn.data.wantsChecklist = true;
      await turn.context.sendActivity(turn.t('checklist.needEntry'));
      return DONE;
    }
    turn.data.wantsChecklist = undefined;
    turn.profile.lastEntryId = entry.id;
    if (entry.kind !== 'procedure' || entry.documents.length === 0) {
      await sendWithMenu(turn, turn.t('checklist.noDocuments', { title: new LocalText(turn.locale).pick(entry.title) }));
      return DONE;
    }
    return inner.beginDialog(CHECKLIST_DIALOG, { entryId: entry.id });
  }

  private async runAction(inner: DialogContext, turn: Turn, action: Action): Promise<DialogTurnResult> {
    switch (action.kind) {
      case 'entry':
      case 'aspect':
        return this.answerById(turn, action.id, action.aspect);
      case 'checklist':
        return this.startChecklist(inner, turn, action.id);
      case 'feedback':
        await recordFeedback(turn, action.id, action.useful);
        return DONE;
      case 'menu':
        return this.runMenu(turn, action.item);
      case 'group':
        await showGroup(turn, action.index);
        return DONE;
      case 'resume':
        return this.runCommand(inner, turn, 'resume');
      case 'cancel':
        return this.cancel(inner, turn);
      case 'noneOfThese':
        await showNotKnown(turn);
        return DONE;
      case 'other':
        await turn.context.sendActivity(turn.t('other.prompt'));
        return DONE;
      case 'answer':
      case 'text':
        return this.runUnderstanding(inner, turn, this.understand(turn, turn.context.activity.text ?? ''), turn.context.activity.text ?? '');
    }
  }

  private async answerById(turn: Turn, id: string, aspect?: Aspect | 'overview'): Promise<DialogTurnResult> {
    const entry = turn.kb.byId.get(id);
    if (entry) await answerEntry(turn, entry, aspect);
    else await showNotKnown(turn);
    return DONE;
  }

  private async runMenu(turn: Turn, item: 'ask' | 'status' | 'online' | 'officer' | 'privacy'): Promise<DialogTurnResult> {
    switch (item) {
      case 'ask':
        await showHelp(turn);
        return DONE;
      case 'status':
        await showStatus(turn, null);
        return DONE;
      case 'officer':
        await showHandoff(turn);
        return DONE;
      case 'privacy':
        await showPrivacy(turn);
        return DONE;
      case 'online': {
        const last = turn.lastEntry();
        if (last) return this.answerById(turn, last.id, 'online');
        if (turn.kb.menu.online) return this.answerById(turn, turn.kb.menu.online);
        await showHelp(turn);
        return DONE;
      }
    }
  }
}
