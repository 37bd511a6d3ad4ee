import { MalformedEvent } from '../../bot/channels/delivery/webhookRoute';
import { parseMessengerEvents } from '../../bot/channels/messenger/messengerEvents';
import events from '../fixtures/channels/messenger-events.json';

describe('Messenger webhook events', () => {
  it('a text message becomes a text event with the raw event kept', () => {
    const { events: [event] } = parseMessengerEvents(events.text);
    expect(event).toMatchObject({ channel: 'facebook', id: 'm_AbCdEf0123456789', kind: 'text', userId: '6789012345678901', botId: '1029384756102938', text: 'lam giay khai sinh can giay to gi' });
    expect(event.raw).toEqual(events.text.entry[0].messaging[0]);
  });

  it('a quick-reply tap and a postback carry their payload', () => {
    expect(parseMessengerEvents(events.quick_reply).events[0]).toMatchObject({ kind: 'tap', payload: '~1k.3', text: 'Giấy tờ cần có', id: 'm_QuickReply000001' });
    expect(parseMessengerEvents(events.postback).events[0]).toMatchObject({ kind: 'tap', payload: '~1k.0', id: 'm_Postback00000001' });
  });

  it('a postback whose payload is not one of our tokens (the persistent menu) reads as its title typed', () => {
    const body = JSON.parse(JSON.stringify(events.postback));
    body.entry[0].messaging[0].postback = { mid: 'm_menu', title: 'Menu chính', payload: 'MAIN_MENU' };
    expect(parseMessengerEvents(body).events[0]).toMatchObject({ kind: 'text', text: 'Menu chính' });
  });

  it('Get Started greets', () => {
    expect(parseMessengerEvents(events.get_started).events[0]).toMatchObject({ kind: 'greet', userId: '6789012345678901' });
  });

  it('a sticker and an image without text are media', () => {
    expect(parseMessengerEvents(events.sticker).events[0]).toMatchObject({ kind: 'media', attachments: [{ type: 'sticker' }] });
    expect(parseMessengerEvents(events.image).events[0]).toMatchObject({ kind: 'media', attachments: [{ type: 'image' }] });
  });

  it('echoes, deliveries and reads are ignored', () => {
    expect(parseMessengerEvents(events.echo)).toEqual({ events: [], ignored: ['echo'] });
    expect(parseMessengerEvents(events.delivery)).toEqual({ events: [], ignored: ['delivery'] });
    expect(parseMessengerEvents(events.read)).toEqual({ events: [], ignored: ['read'] });
  });

  it('reads every entry and every messaging event of a batch', () => {
    const parsed = parseMessengerEvents(events.batch);
    expect(parsed.events.map((event) => [event.id, event.userId])).toEqual([
      ['m_Batch00000000001', '6789012345678901'],
      ['m_Batch00000000002', '7789012345678902'],
    ]);
    expect(parsed.ignored).toEqual(['read']);
  });

  it('skips a broken event inside a batch that has good ones', () => {
    const body = { ...events.batch, entry: [...events.batch.entry, { id: '1', messaging: [{ sender: {}, message: {} }] }] };
    expect(parseMessengerEvents(body)).toMatchObject({ events: [{}, {}], ignored: ['read', 'malformed:1'] });
  });

  it.each([
    ['not an object', 'page'],
    ['no object', { entry: [] }],
    ['entry not a list', { object: 'page', entry: {} }],
    ['only broken events', { object: 'page', entry: [{ messaging: [{ message: { text: 'x' } }] }] }],
    ['a message without mid', { object: 'page', entry: [{ messaging: [{ ...events.text.entry[0].messaging[0], message: { text: 'x' } }] }] }],
  ])('%s is malformed', (_why, body) => {
    expect(() => parseMessengerEvents(body)).toThrow(MalformedEvent);
  });

  it('another object than a page is ignored', () => {
    expect(parseMessengerEvents({ object: 'instagram', entry: [] })).toEqual({ events: [], ignored: ['object:instagram'] });
  });
});
