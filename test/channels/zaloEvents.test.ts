import { MalformedEvent } from '../../bot/channels/delivery/webhookRoute';
import { parseZaloEvents } from '../../bot/channels/zalo/zaloEvents';
import events from '../fixtures/channels/zalo-events.json';

describe('Zalo webhook events', () => {
  it('a text message becomes a text event quoting its msg_id, ids kept as strings, the raw event kept', () => {
    const { events: [event] } = parseZaloEvents(events.user_send_text);
    expect(event).toMatchObject({
      channel: 'zalo',
      id: '96d3cdf3af150460909',
      kind: 'text',
      userId: '2468458835296117922',
      botId: '388613280878808645',
      text: 'lam giay khai sinh can giay to gi',
      timestamp: 1718000100000,
      replyTo: '96d3cdf3af150460909',
    });
    expect(event.raw).toEqual(events.user_send_text);
  });

  it.each(['user_send_image', 'user_send_sticker', 'user_send_location', 'user_send_file'] as const)('%s without a caption is media (answered: text only)', (name) => {
    const { events: [event] } = parseZaloEvents(events[name]);
    expect(event.kind).toBe('media');
    expect(event.attachments?.length).toBe(1);
  });

  it('an image with a caption is read as text', () => {
    const { events: [event] } = parseZaloEvents(events.user_send_image_caption);
    expect(event).toMatchObject({ kind: 'text', text: 'giay nay dung duoc khong', attachments: [{ type: 'image', url: 'https://photo-zaloapp.example/img2.jpg' }] });
  });

  it('follow and the "Nhắn tin" tap greet the user (their ids come in other fields)', () => {
    expect(parseZaloEvents(events.follow).events[0]).toMatchObject({ kind: 'greet', userId: '2468458835296117922', botId: '388613280878808645' });
    expect(parseZaloEvents(events.user_click_chatnow).events[0]).toMatchObject({ kind: 'greet', userId: '2468458835296117922' });
  });

  it.each(['oa_send_text', 'user_received_message', 'user_seen_message', 'oa_send_consent', 'user_reply_consent', 'unfollow'] as const)('%s is ignored', (name) => {
    expect(parseZaloEvents(events[name])).toEqual({ events: [], ignored: [name] });
  });

  it('an event name Zalo adds later is ignored, not refused', () => {
    expect(parseZaloEvents({ ...events.user_send_text, event_name: 'user_send_hologram' }).events).toEqual([]);
  });

  it.each([
    ['not an object', []],
    ['no event name', { ...events.user_send_text, event_name: undefined }],
    ['no timestamp', { ...events.user_send_text, timestamp: 'soon' }],
    ['no sender', { ...events.user_send_text, sender: undefined }],
    ['a numeric sender id', { ...events.user_send_text, sender: { id: 2468458835296117922 } }],
    ['no msg_id', { ...events.user_send_text, message: { text: 'hi' } }],
    ['a text event without text', { ...events.user_send_text, message: { msg_id: 'abc' } }],
    ['attachments that are not a list', { ...events.user_send_image, message: { msg_id: 'abc', attachments: 'x' } }],
    ['a follow without follower', { ...events.follow, follower: undefined }],
  ])('%s is malformed', (_why, body) => {
    expect(() => parseZaloEvents(body)).toThrow(MalformedEvent);
  });
});
