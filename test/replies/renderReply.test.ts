import { CHANNEL_PROFILES, profileFor, type ChannelProfile } from '../../bot/replies/channelProfile';
import { renderReply, shorten } from '../../bot/replies/renderReply';
import type { ReplyContent } from '../../dialogs/outbox';

/** A long answer: 14 paragraphs of about 240 characters, 12 buttons with long titles, 4 links. */
function longAnswer(): ReplyContent {
  const paragraph = (i: number) => `Đoạn ${i}: ${'Giấy tờ cần chuẩn bị gồm tờ khai, bản sao giấy tờ tùy thân và giấy chứng sinh. '.repeat(3)}`.trim();
  return {
    blocks: [
      ...Array.from({ length: 14 }, (_, i) => ({ kind: 'text' as const, text: paragraph(i + 1) })),
      { kind: 'list', title: 'Danh sách:', items: ['Tờ khai', 'Giấy chứng sinh'] },
    ],
    buttons: Array.from({ length: 12 }, (_, i) => ({ title: `Thủ tục số ${i + 1}: Đăng ký khai sinh cho trẻ em có yếu tố nước ngoài`, token: `~1.${i}` })),
    links: [
      { title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' },
      { title: 'VNeID', url: 'https://vneid.gov.vn' },
      { title: 'Cổng thông tin tỉnh', url: 'https://thanhhoa.gov.vn' },
      { title: 'Hướng dẫn', url: 'https://example.gov.vn/huong-dan' },
    ],
  };
}

function allText(activities: ReturnType<typeof renderReply>['activities']): string {
  return activities.map((activity) => activity.text ?? '').join('\n');
}

describe.each(CHANNEL_PROFILES.map((profile) => [profile.channelId, profile] as [string, ChannelProfile]))('rendering for %s', (_id, profile) => {
  const content = longAnswer();
  const { activities } = renderReply(content, profile);
  const last = activities[activities.length - 1];
  const actions = last.suggestedActions?.actions ?? [];
  const quick = actions.filter((action) => action.type === 'messageBack');
  const linkActions = actions.filter((action) => action.type === 'openUrl');

  it('holds the message budget and every length limit', () => {
    expect(activities.length).toBeLessThanOrEqual(profile.messagesPerTurn);
    for (const activity of activities) expect((activity.text ?? '').length).toBeLessThanOrEqual(profile.textLength);
    if (linkActions.length && profile.textLengthWithLinks) expect((last.text ?? '').length).toBeLessThanOrEqual(profile.textLengthWithLinks);
    for (const action of actions) expect(String(action.title).length).toBeLessThanOrEqual(profile.buttonTitleLength);
  });

  it('puts the buttons on the last message only, within the slots', () => {
    for (const activity of activities.slice(0, -1)) expect(activity.suggestedActions).toBeUndefined();
    expect(quick.length).toBeLessThanOrEqual(profile.buttons);
    expect(linkActions.length).toBeLessThanOrEqual(profile.linkButtons);
    if (profile.sharedSlots) expect(actions.length).toBeLessThanOrEqual(profile.buttons);
  });

  it('drops no button: those not shown whole are listed with their number, full title in the text', () => {
    const text = allText(activities);
    content.buttons.forEach((button, i) => {
      const shownWhole = quick.some((action) => action.title === button.title && (action.value as { token: string }).token === button.token);
      if (!shownWhole) expect(text).toContain(`${i + 1}. ${button.title}`);
    });
    for (const action of quick) expect(content.buttons.map((b) => b.token)).toContain((action.value as { token: string }).token);
  });

  it('drops no link: a link button or a "Title: address" line for each', () => {
    const text = allText(activities);
    for (const link of content.links) {
      const asButton = linkActions.some((action) => action.value === link.url);
      expect(asButton || text.includes(`${link.title}: ${link.url}`)).toBe(true);
    }
  });

  it('keeps the beginning of the text and says where it was cut', () => {
    const text = allText(activities);
    expect(text).toContain('Đoạn 1:');
    expect(text.includes('Đoạn 14:') || text.includes('…')).toBe(true);
  });
});

describe('rendering a short answer', () => {
  const content: ReplyContent = {
    blocks: [{ kind: 'text', text: 'Lệ phí: miễn phí.' }, { kind: 'text', text: 'Thông tin này có giúp được bạn không?' }],
    buttons: [{ title: 'Có', token: '~5.0' }, { title: 'Không', token: '~5.1' }],
    links: [],
  };

  it('is one message with its buttons as messageBack actions carrying the token', () => {
    const { activities, cut } = renderReply(content, profileFor('emulator'));
    expect(cut).toBe(0);
    expect(activities).toHaveLength(1);
    expect(activities[0].text).toBe('Lệ phí: miễn phí.\n\nThông tin này có giúp được bạn không?');
    expect(activities[0].suggestedActions?.actions).toEqual([
      { type: 'messageBack', title: 'Có', text: 'Có', displayText: 'Có', value: { token: '~5.0' } },
      { type: 'messageBack', title: 'Không', text: 'Không', displayText: 'Không', value: { token: '~5.1' } },
    ]);
  });

  it('on Messenger, a title over 20 characters is shortened, numbered, and listed in full', () => {
    const long: ReplyContent = { ...content, buttons: [{ title: 'Giấy tờ cần chuẩn bị', token: '~1.0' }, { title: 'Kiểm tra giấy tờ của tôi', token: '~1.1' }] };
    const { activities } = renderReply(long, profileFor('facebook'));
    const actions = activities[0].suggestedActions?.actions ?? [];
    expect(actions.map((a) => a.title)).toEqual(['1. Giấy tờ cần…', '2. Kiểm tra giấy…']);
    expect(activities[0].text).toContain('1. Giấy tờ cần chuẩn bị\n2. Kiểm tra giấy tờ của tôi');
  });

  it('the closing question comes last: after links written as text, with the numbered list right under it', () => {
    const withPrompt: ReplyContent = {
      blocks: [{ kind: 'text', text: 'Lệ phí: miễn phí.' }],
      prompt: 'Thông tin này có giúp được bạn không?',
      buttons: Array.from({ length: 7 }, (_, i) => ({ title: `Nút ${i + 1}`, token: `~1.${i}` })),
      links: [{ title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' }],
    };
    const console = renderReply(withPrompt, profileFor('console')).activities;
    expect(console.map((a) => a.text).join('\n')).toBe('Lệ phí: miễn phí.\n\nCổng Dịch vụ công quốc gia: https://dichvucong.gov.vn\n\nThông tin này có giúp được bạn không?');
    const zalo = renderReply(withPrompt, profileFor('zalo')).activities;
    expect(zalo[zalo.length - 1].text).toMatch(/Cổng Dịch vụ công quốc gia: https:\/\/dichvucong\.gov\.vn\n\nThông tin này có giúp được bạn không\?\n1\. Nút 1\n[^]*7\. Nút 7$/);
  });

  it('an unknown channel gets the Bot Framework profile', () => {
    expect(profileFor('msteams').channelId).toBe('emulator');
    expect(profileFor(undefined).channelId).toBe('emulator');
  });
});

describe('shorten', () => {
  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    expect(shorten('Kiểm tra giấy tờ của tôi', 20)).toBe('Kiểm tra giấy tờ…');
    expect(shorten('Ngắn', 20)).toBe('Ngắn');
    expect(shorten('Mộttừrấtdàikhôngcókhoảngtrắng', 10)).toHaveLength(10);
  });
});
