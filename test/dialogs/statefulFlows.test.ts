import path from 'node:path';
import { Conversation, flatten, memoryStorage } from '../helpers/conversation';

describe('state across turns and restarts', () => {
  it('a papers check survives a restart: a new bot on the same storage continues it', async () => {
    const storage = memoryStorage();
    const before = new Conversation({ storage });
    await before.say('lam giay khai sinh');
    expect(flatten(await before.say('Kiểm tra giấy tờ của tôi'))).toContain('bệnh viện');
    expect(flatten(await before.say('co'))).toContain('(1/3)');

    const after = new Conversation({ storage });
    const replies = flatten(await after.say('chua co'));
    expect(replies).toContain('(2/3)');
    expect(replies).not.toContain('Tôi chưa chắc');
  });

  it('a paused check survives a restart and resumes with "tiếp tục"', async () => {
    const storage = memoryStorage();
    const before = new Conversation({ storage });
    await before.say('dang ky tam tru');
    await before.say('Kiểm tra giấy tờ của tôi');
    await before.say('co');
    expect(flatten(await before.say('lam ho chieu o dau'))).toContain('tiếp tục');

    const after = new Conversation({ storage });
    expect(flatten(await after.say('tiep tuc'))).toContain('18 tuổi');
  });
});

describe('what is recorded for staff', () => {
  it('feedback is recorded with the entry id', async () => {
    const conversation = new Conversation();
    await conversation.say('chung thuc chu ky');
    await conversation.say('👍 Hữu ích');
    expect(conversation.events).toEqual([
      expect.objectContaining({ type: 'feedback', entryId: 'chung-thuc-chu-ky', useful: true }),
    ]);
  });

  it('a handoff request is recorded with the conversation id and the last entry, nothing typed', async () => {
    const conversation = new Conversation();
    await conversation.say('dang ky ket hon');
    await conversation.say('toi muon gap can bo');
    const [event] = conversation.events;
    expect(event).toEqual({ type: 'handoff', conversationId: expect.any(String), entryId: 'ket-hon' });
  });

  it('an unanswered question is recorded without numbers that could identify someone', async () => {
    const conversation = new Conversation();
    await conversation.say('so cua toi la 0912 345 678, cach nau pho bo ngon');
    const [event] = conversation.events;
    expect(event).toMatchObject({ type: 'unanswered' });
    expect(event.type === 'unanswered' && event.question).not.toMatch(/\d{3}/);
  });
});

describe('English with knowledge written only in Vietnamese', () => {
  it('answers in English, falls back to the Vietnamese text, and says so in one line', async () => {
    const conversation = new Conversation({ kbDir: path.resolve(__dirname, '../fixtures/kb-valid') });
    const replies = flatten(await conversation.say('dang ky ket hon', 'en-US'));
    expect(replies).toContain('Some details are only available in Vietnamese');
    expect(replies).toContain('Marriage registration');
    expect(replies).toContain('Miễn lệ phí');
    expect(replies).toContain('[Papers to prepare]');
  });
});
