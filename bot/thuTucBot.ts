import { ActivityHandler } from 'botbuilder';
import type { Router } from '../dialogs/router';
import { turnOf } from './turnRunner';

/**
 * The bot core, channel-neutral: it sees Activities only. A message goes to the conversation router; a user
 * joining is welcomed. State, language, the knowledge snapshot, buttons and sending are the turn runner's
 * (middleware every adapter gets from runtime.attach).
 */
export class ThuTucBot extends ActivityHandler {
  constructor(router: Router) {
    super();
    this.onMessage(async (context, next) => {
      await router.onMessage(turnOf(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const humans = (context.activity.membersAdded ?? []).filter((member) => member.id !== botId);
      if (humans.length > 0) await router.onJoin(turnOf(context));
      await next();
    });
  }
}
