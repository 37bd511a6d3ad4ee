import { offer } from './actions';
import { LocalText } from './localText';
import type { Turn } from './turn';

/** What the bot can do, with examples, and the groups of procedures to browse. */
export async function showHelp(turn: Turn): Promise<void> {
  const text = new LocalText(turn.locale);
  const groups = turn.kb.menu.groups.map((group, index) => ({ title: text.pick(group.title), action: { kind: 'group' as const, index } }));
  await turn.context.sendActivity(turn.t('help.intro'));
  await offer(turn.context, turn.services.state, turn.t('help.examples'), groups);
}

/** The entries of one menu group, as buttons. */
export async function showGroup(turn: Turn, index: number): Promise<void> {
  const group = turn.kb.menu.groups[index];
  if (!group) return showHelp(turn);
  const text = new LocalText(turn.locale);
  const entries = group.entries.flatMap((id) => {
    const entry = turn.kb.byId.get(id);
    return entry ? [{ title: text.pick(entry.title), action: { kind: 'entry' as const, id } }] : [];
  });
  await offer(turn.context, turn.services.state, turn.t('help.group', { title: text.pick(group.title) }), entries);
}
