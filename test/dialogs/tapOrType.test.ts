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

describe('help typed in any flow is the help button tapped; the flow goes on', () => {
  const NOTED = '000.17.22.H56-261110-0005';

  /** Each flow at the point where it waits for the citizen, and a reply that proves it still waits there. */
  const FLOWS: { name: string; start: (c: Conversation) => Promise<void>; next: [string, string] }[] = [
    { name: 'the papers check', start: async (c) => void (await inCheckOf(c)), next: ['Có', '(1/'] },
    { name: 'the dossier code prompt', start: async (c) => void (await c.say('tra cứu hồ sơ')), next: [NOTED, `Hồ sơ ${NOTED}`] },
    {
      name: 'the phone digits prompt',
      start: async (c) => {
        await c.say(`ho so ${NOTED}`);
        await c.tap('Xem ghi chú của cán bộ');
      },
      next: ['0987', 'Ghi chú của cán bộ: Thiếu chữ ký'],
    },
  ];

  async function inCheckOf(conversation: Conversation): Promise<void> {
    await conversation.say('lam giay khai sinh');
    await conversation.tap('Kiểm tra giấy tờ của tôi');
    expect(seen(await conversation.tap('Không'))).toContain('Có người làm chứng việc sinh');
  }

  async function at(flow: (typeof FLOWS)[number]): Promise<Conversation> {
    const conversation = new Conversation();
    const report = await conversation.runtime.dossiers.ingest.save(
      [{ position: 0, input: { code: NOTED, status: 'returned', note: 'Thiếu chữ ký bên bán ở trang 2', phoneLast4: '0987' } }],
      'push',
    );
    expect(report.rejected).toEqual([]);
    await conversation.say('xin chao');
    await flow.start(conversation);
    return conversation;
  }

  describe.each(FLOWS)('$name', (flow) => {
    it.each(['huong dan', 'hướng dẫn', 'Hướng dẫn giúp em với ạ', 'help', 'trợ giúp'])('typing "%s" = tapping "Hỏi về thủ tục"', async (words) => {
      const tapped = await at(flow);
      const typed = await at(flow);
      const afterTap = seen(await tapped.tap('Hỏi về thủ tục'));
      const afterTyping = seen(await typed.say(words));
      expect(afterTyping).toBe(afterTap);
      expect(afterTap).not.toContain('Có phải một trong những thủ tục sau không');
      // Kept, not paused: the flow's own reply is taken at once, with no "tiếp tục".
      const [reply, shows] = flow.next;
      expect(seen(await typed.say(reply))).toContain(shows);
      expect(seen(await tapped.say(reply))).toContain(shows);
    });
  });

  it('outside a flow (after a place answer) it shows the help, as the tap does', async () => {
    const tapped = new Conversation();
    const typed = new Conversation();
    for (const c of [tapped, typed]) {
      await c.say('xin chao');
      await c.say('tôi ở xã Vĩnh Tiến cũ');
    }
    const afterTap = seen(await tapped.tap('Hỏi về thủ tục'));
    expect(seen(await typed.say('hướng dẫn'))).toBe(afterTap);
    expect(seen(await typed.say('huong dan'))).toBe(afterTap);
  });

  it('"hướng dẫn" with a procedure is still that procedure\'s question', async () => {
    const conversation = new Conversation();
    expect(seen(await conversation.say('hướng dẫn làm giấy khai sinh'))).toContain('Đăng ký khai sinh');
  });
});
