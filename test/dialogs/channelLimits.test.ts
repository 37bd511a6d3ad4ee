import { profileFor } from '../../bot/replies/channelProfile';
import { Conversation, type Reply } from '../helpers/conversation';
import { SCRIPTS } from './scripts';

/** Every turn of every scripted conversation, on the strictest channels, fits the channel and drops no button. */
describe.each(['zalo', 'facebook'])('conversations on %s stay within the channel\'s limits', (channelId) => {
  const profile = profileFor(channelId);

  function check(replies: Reply[], context: string): void {
    const fail = (problem: string) => `${context}: ${problem}`;
    expect({ context, count: replies.length <= profile.messagesPerTurn }).toEqual({ context, count: true });
    for (const reply of replies) {
      if (reply.text.length > profile.textLength) throw new Error(fail(`text of ${reply.text.length} characters`));
      const actions = reply.activity.suggestedActions?.actions ?? [];
      if (reply !== replies[replies.length - 1] && actions.length) throw new Error(fail('buttons before the last message'));
      if (profile.sharedSlots ? actions.length > profile.buttons : reply.buttons.length > profile.buttons) throw new Error(fail(`${actions.length} buttons`));
      if (reply.links.length > profile.linkButtons) throw new Error(fail(`${reply.links.length} link buttons`));
      if (reply.links.length && profile.textLengthWithLinks && reply.text.length > profile.textLengthWithLinks) throw new Error(fail('text too long for a link template'));
      for (const action of actions) if (String(action.title).length > profile.buttonTitleLength) throw new Error(fail(`title "${action.title}"`));
    }
  }

  for (const script of SCRIPTS) {
    it(script.name, async () => {
      const conversation = new Conversation({ channelId });
      for (const step of script.steps) {
        // Titles are shortened and numbered here, so a scripted tap is typed instead (typed titles pick too).
        const replies = await conversation.say(step.say);
        check(replies, `after "${step.say.slice(0, 60)}"`);
        // A numbered list stands in for every button that is not shown whole: each full title is still there.
        const last = replies[replies.length - 1];
        const shown = last?.activity.suggestedActions?.actions ?? [];
        const shortened = shown.some((action) => String(action.title) !== String(action.text ?? action.title) && action.type === 'messageBack');
        if (shortened) for (const action of shown.filter((a) => a.type === 'messageBack')) expect(last.text).toContain(String(action.text));
      }
    });
  }
});

/** The overview of a procedure (8 buttons: 4 next steps, 2 related, 👍/👎, and the portal link) on each channel. */
describe('the overview keeps its most useful buttons on every channel', () => {
  const NEXT = ['Giấy tờ cần chuẩn bị', 'Kiểm tra giấy tờ của tôi', 'Nộp trực tuyến', 'Câu hỏi khác'];

  async function overview(channelId: string): Promise<Reply> {
    const conversation = new Conversation({ channelId });
    await conversation.say('xin chao');
    const replies = await conversation.say('lam giay khai sinh');
    return replies[replies.length - 1];
  }

  it('Zalo (5 slots, links included): the four next steps and the portal as buttons, no numbered list; 👍/👎 and related left out', async () => {
    const last = await overview('zalo');
    const actions = last.activity.suggestedActions?.actions ?? [];
    expect(actions.length).toBeLessThanOrEqual(profileFor('zalo').buttons);
    expect(last.buttons).toEqual(NEXT);
    expect(last.links).toEqual([{ title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' }]);
    expect(last.text).not.toMatch(/^\d\. /m);
    // The question the left-out 👍/👎 answered goes with them.
    expect(last.text).not.toContain('Thông tin này có giúp được bạn không?');
    expect(last.text).not.toContain('https://dichvucong.gov.vn');
  });

  it.each(['emulator', 'webchat', 'console'])('%s (10+ buttons): everything, 👍/👎 with their question', async (channelId) => {
    const last = await overview(channelId);
    expect(last.buttons.slice(0, 4)).toEqual(NEXT);
    expect(last.buttons).toEqual(expect.arrayContaining(['👍 Hữu ích', '👎 Chưa đúng', 'Đăng ký nhận cha, mẹ, con']));
    expect(last.buttons).toHaveLength(8);
    expect(last.text).toContain('Thông tin này có giúp được bạn không?');
  });

  it('Messenger (13 quick replies of 20 characters): all eight, numbered since titles are cut, and the portal link button', async () => {
    const last = await overview('facebook');
    expect(last.buttons).toHaveLength(8);
    expect(last.buttons.every((title) => title.length <= 20)).toBe(true);
    for (const title of [...NEXT, '👍 Hữu ích']) expect(last.text).toContain(title);
    expect(last.links).toHaveLength(1);
  });
});
