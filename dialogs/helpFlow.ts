import { textButton } from './buttons';
import { LocalText } from './localText';
import type { Turn } from './turn';

/** What the bot can do, with examples, and the groups of procedures to browse. */
export function showHelp(turn: Turn): void {
  turn.reply.say(turn.t('help.intro'));
  turn.reply.say(turn.t('help.examples'));
  turn.reply.offer(turn.kb.menu.groups.map((group, index) => textButton(turn, group.title, { kind: 'group', index })));
}

/** The entries of one menu group, as buttons. */
export function showGroup(turn: Turn, index: number): void {
  const group = turn.kb.menu.groups[index];
  if (!group) return showHelp(turn);
  const entries = group.entries.flatMap((id) => {
    const entry = turn.kb.byId.get(id);
    return entry ? [textButton(turn, entry.title, { kind: 'entry', id })] : [];
  });
  turn.reply.say(turn.t('help.group', { title: new LocalText(turn.locale).pick(group.title) }));
  turn.reply.offer(entries);
}
