import type { Activity } from 'botbuilder';
import { splitText } from '../../bot/channels/delivery/splitText';
import { toMessengerMessages } from '../../bot/channels/messenger/messengerMessages';
import { toZaloMessages } from '../../bot/channels/zalo/zaloMessages';

/** An activity as the core's renderer makes it: messageBack buttons with tokens, openUrl links. */
function rendered(text: string, buttons: number, links = 0, titleLength = 12): Partial<Activity> {
  const title = (n: number) => `Nút ${n} ${'x'.repeat(titleLength)}`.slice(0, Math.max(titleLength, 6));
  return {
    type: 'message',
    text,
    suggestedActions: {
      to: [],
      actions: [
        ...Array.from({ length: buttons }, (_, n) => ({ type: 'messageBack', title: title(n + 1), text: title(n + 1), displayText: title(n + 1), value: { token: `~t${n + 1}` } })),
        ...Array.from({ length: links }, (_, n) => ({ type: 'openUrl', title: `Cổng ${n + 1}`, value: `https://dichvucong.gov.vn/p/${n + 1}` })),
      ],
    },
  };
}

describe('splitText', () => {
  it('keeps short texts whole and splits long ones at breaks within the limit, losing no word', () => {
    expect(splitText('Xin chào', 2000)).toEqual(['Xin chào']);
    const paragraphs = Array.from({ length: 30 }, (_, n) => `Đoạn ${n + 1}: ${'giấy tờ cần chuẩn bị '.repeat(8)}`).join('\n\n');
    const parts = splitText(paragraphs, 2000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 2000)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(paragraphs.normalize('NFC').replace(/\s+/g, ' ').trim());
    expect(parts[1].startsWith('Đoạn')).toBe(true);
  });

  it('cuts a word longer than the limit, and counts after NFC', () => {
    expect(splitText('a'.repeat(4500), 2000).map((part) => part.length)).toEqual([2000, 2000, 500]);
    expect(splitText('khai sinh'.normalize('NFD'), 9)).toEqual(['khai sinh']);
  });
});

describe('Zalo messages', () => {
  it('buttons become oa.query.hide with our tokens as payloads, links oa.open.url, at most 5 in all, on the last part', () => {
    const messages = toZaloMessages(rendered(`${'Giấy tờ. '.repeat(300)}`, 4, 3));
    expect(messages.length).toBe(2);
    expect(messages.every((message) => String(message.text).length <= 2000)).toBe(true);
    expect(messages[0].attachment).toBeUndefined();
    const buttons = (messages[1].attachment as { payload: { buttons: { type: string; payload: unknown }[] } }).payload.buttons;
    expect(buttons.map((button) => button.type)).toEqual(['oa.query.hide', 'oa.query.hide', 'oa.query.hide', 'oa.query.hide', 'oa.open.url']);
    expect(buttons.slice(0, 4).map((button) => button.payload)).toEqual(['~t1', '~t2', '~t3', '~t4']);
    expect(buttons[4].payload).toEqual({ url: 'https://dichvucong.gov.vn/p/1' });
  });

  it('titles stay within 100 characters', () => {
    const [message] = toZaloMessages(rendered('Chọn một mục', 2, 0, 150));
    const buttons = (message.attachment as { payload: { buttons: { title: string }[] } }).payload.buttons;
    expect(buttons.every((button) => button.title.length <= 100)).toBe(true);
  });

  it('a plain text is one message; imBack buttons (value as text) work too', () => {
    expect(toZaloMessages({ type: 'message', text: 'Xin chào' })).toEqual([{ text: 'Xin chào' }]);
    const [message] = toZaloMessages({ type: 'message', text: 'Chọn', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Khai sinh', value: 'Khai sinh' }] } });
    expect(message.attachment).toEqual({ type: 'template', payload: { buttons: [{ title: 'Khai sinh', type: 'oa.query.hide', payload: 'Khai sinh' }] } });
  });
});

describe('Messenger messages', () => {
  it('buttons become at most 13 quick replies with titles of at most 20 characters and our tokens as payloads', () => {
    const [message] = toMessengerMessages(rendered('Chọn một mục', 15, 0, 30));
    const replies = message.quick_replies as { content_type: string; title: string; payload: string }[];
    expect(replies.length).toBe(13);
    expect(replies.every((reply) => reply.content_type === 'text' && reply.title.length <= 20)).toBe(true);
    expect(replies[0].payload).toBe('~t1');
    expect(message.text).toBe('Chọn một mục');
  });

  it('links ride in a button template (at most 3, its text at most 640 characters); quick replies on the same last message', () => {
    const text = `${'Nộp hồ sơ trực tuyến. '.repeat(120)}`;
    const messages = toMessengerMessages(rendered(text, 2, 4));
    const last = messages.at(-1) as { attachment: { payload: { template_type: string; text: string; buttons: { type: string }[] } }; quick_replies: unknown[] };
    expect(last.attachment.payload.template_type).toBe('button');
    expect(last.attachment.payload.text.length).toBeLessThanOrEqual(640);
    expect(last.attachment.payload.buttons.map((button) => button.type)).toEqual(['web_url', 'web_url', 'web_url']);
    expect(last.quick_replies.length).toBe(2);
    expect(messages.slice(0, -1).every((message) => String(message.text).length <= 2000 && !message.quick_replies)).toBe(true);
    const sent = messages.map((message) => (message.text as string | undefined) ?? (message.attachment as { payload: { text: string } }).payload.text).join(' ');
    expect(sent.replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('long plain text is split at 2,000 characters', () => {
    const messages = toMessengerMessages({ type: 'message', text: 'Bước. '.repeat(700) });
    expect(messages.length).toBe(3);
    expect(messages.every((message) => String(message.text).length <= 2000)).toBe(true);
  });
});
