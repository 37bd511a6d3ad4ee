import type { TurnContext } from 'botbuilder';
import type { ConversationData, UserProfile } from '../bot/botState';
import type { Entry, KnowledgeBase, Locale } from '../bot/knowledge/types';
import type { Understander } from '../bot/understanding/understander';
import type { DialogServices } from './services';
import { turnLocale } from './turnLocale';

/** Everything a flow needs for one turn, gathered once. */
export interface Turn {
  context: TurnContext;
  services: DialogServices;
  data: ConversationData;
  profile: UserProfile;
  kb: KnowledgeBase;
  understander: Understander;
  readonly locale: Locale;
  t(key: string, vars?: Record<string, unknown>): string;
  /** The entry the user asked about last, if it still exists in the knowledge base. */
  lastEntry(): Entry | undefined;
}

export async function openTurn(context: TurnContext, services: DialogServices): Promise<Turn> {
  const [data, profile] = await Promise.all([
    services.state.loadConversationData(context),
    services.state.loadProfile(context),
  ]);
  const { kb, understander } = services.knowledge;
  return {
    context,
    services,
    data,
    profile,
    kb,
    understander,
    get locale() {
      return turnLocale(context);
    },
    t(key, vars) {
      return services.i18n.t(turnLocale(context), key, vars);
    },
    lastEntry() {
      return profile.lastEntryId ? kb.byId.get(profile.lastEntryId) : undefined;
    },
  };
}
