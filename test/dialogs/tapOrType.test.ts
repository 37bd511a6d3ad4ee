import { Conversation, flatten, type Reply } from '../helpers/conversation';

/** What the citizen sees of a turn: texts and button titles (tokens are not shown). */
function seen(replies: Reply[]): string {
  return flatten(replies);
}

/** A conversation in the middle of a papers check: the second yes/no question (a witness, for a birth at home) is waiting. */
async function inCheck(): Promise<Conversation> {
  const conversation = new Conversation();
  await conversation.say('xin chao');
  await conversation.say('lam giay khai sinh');
  await conversation.tap('Kiểm tra giấy tờ của tôi');
  const question = seen(await conversation.tap('Không'));
  expect(question).toContain('Có người làm chứng việc sinh');
  return conversation;
}

describe('during a papers check, a tap and the same words typed give the same result', () => {
  it.each([
    ['Gặp cán bộ', 'tôi muốn gặp cán bộ', 'Để được cán bộ hỗ trợ'],
    ['Tra cứu hồ sơ', 'tra cuu ho so', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'],
    ['Quyền riêng tư', 'quyen rieng tu', 'Tôi không hỏi và không cần số căn cước'],
  ])('tapping the menu button "%s" (from the welcome) = typing "%s"; "tiếp tục" resumes both', async (title, words, shows) => {
    const tapped = await inCheck();
    const typed = await inCheck();
    const afterTap = seen(await tapped.tap(title));
    const afterTyping = seen(await typed.say(words));
    expect(afterTyping).toBe(afterTap);
    expect(afterTap).toContain(shows);

    const resumedTap = seen(await tapped.say('tiếp tục'));
    const resumedTyping = seen(await typed.say('tiếp tục'));
    expect(resumedTyping).toBe(resumedTap);
    expect(resumedTap).toContain('Có người làm chứng việc sinh');
    expect(tapped.events).toEqual(typed.events.map((event) => ({ ...event, conversationId: expect.any(String) })));
  });

  it('the answer tapped, its title typed (with or without marks) and its number are the same answer', async () => {
    const results = [];
    for (const reply of [(c: Conversation) => c.tap('Không'), (c: Conversation) => c.say('Không'), (c: Conversation) => c.say('khong'), (c: Conversation) => c.say('2')]) {
      const conversation = await inCheck();
      results.push(seen(await reply(conversation)));
    }
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toContain('(1/3)');
  });

  it('a stale answer button (from an earlier question) is refused politely and the current question asked again', async () => {
    const conversation = await inCheck();
    await conversation.tap('Có'); // answers the second question: the first document is asked now
    const replies = seen(await conversation.send({ type: 'message', text: 'Có', value: { token: '~1.0' } }));
    expect(replies).toContain('tin nhắn trước');
    expect(replies).toMatch(/\(1\/\d\) Bạn đã có tờ khai/);
  });
});
