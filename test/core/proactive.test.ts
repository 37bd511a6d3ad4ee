import { TurnContext } from 'botbuilder';
import { keyButton } from '../../dialogs/buttons';
import { Conversation, flatten } from '../helpers/conversation';

describe('a message the bot starts (proactive)', () => {
  it('goes through the same runner: rendered for the channel, its buttons remembered by token, state saved', async () => {
    const conversation = new Conversation();
    await conversation.say('xin chao');
    const reference = TurnContext.getConversationReference({
      ...conversation.adapter.template,
      conversation: conversation.adapter.conversation.conversation,
    });
    await conversation.runtime.proactive(reference, (turn) => {
      turn.reply.say('Hồ sơ 000.17.22.H56-210531-0001 đã có kết quả.');
      turn.reply.offer([keyButton(turn, 'menu.officer', { kind: 'menu', item: 'officer' })]);
    });
    const sent = conversation.adapter.activeQueue.splice(0);
    expect(sent.map((activity) => activity.text)).toEqual(['Hồ sơ 000.17.22.H56-210531-0001 đã có kết quả.']);
    expect(sent[0].suggestedActions?.actions[0]).toMatchObject({ type: 'messageBack', title: 'Gặp cán bộ', value: { token: '~m.officer' } });
    expect(flatten(await conversation.say('1'))).toContain('Để được cán bộ hỗ trợ');
  });

  it('refuses a channel no adapter sends on', async () => {
    const conversation = new Conversation();
    await expect(conversation.runtime.proactive({ channelId: 'nowhere', conversation: { id: 'c', isGroup: false, conversationType: '', name: '' } }, () => undefined)).rejects.toThrow(
      'no adapter sends proactive messages on channel "nowhere"',
    );
  });
});
