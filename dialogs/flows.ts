import { checklistFlow } from './checklistFlow';
import { dossierFlow } from './dossierFlow';
import { FlowRegistry } from './flow';
import { Router } from './router';

/** Every multi-turn flow, registered once: a new flow is one file and one line here. */
export const FLOWS = new FlowRegistry([checklistFlow, dossierFlow]);

/** The conversation as the bot core runs it. */
export function createRouter(): Router {
  return new Router(FLOWS);
}
