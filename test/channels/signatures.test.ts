import { createHash, createHmac } from 'node:crypto';
import { messengerSignature, sameSecret, verifyMessengerSignature } from '../../bot/channels/messenger/messengerSignature';
import { verifyZaloSignature, zaloSignature } from '../../bot/channels/zalo/zaloSignature';
import events from '../fixtures/channels/zalo-events.json';

const KEYS = [
  { name: 'ZALO_OA_SECRET_KEY', value: 'oa-key' },
  { name: 'ZALO_APP_SECRET', value: 'app-secret' },
];

describe('Zalo X-ZEvent-Signature', () => {
  const body = events.user_send_text;
  const raw = JSON.stringify(body);

  it('is mac= and the SHA-256 of app_id + raw body + timestamp + key (a plain hash, not an HMAC)', () => {
    const expected = createHash('sha256').update(`${body.app_id}${raw}${body.timestamp}oa-key`).digest('hex');
    expect(zaloSignature(body.app_id, raw, body.timestamp, 'oa-key')).toBe(`mac=${expected}`);
  });

  it('accepts either configured key and says which one matched', () => {
    expect(verifyZaloSignature(zaloSignature(body.app_id, raw, body.timestamp, 'oa-key'), raw, body, KEYS)).toEqual({ ok: true, key: 'ZALO_OA_SECRET_KEY' });
    expect(verifyZaloSignature(zaloSignature(body.app_id, raw, body.timestamp, 'app-secret'), raw, body, KEYS)).toEqual({ ok: true, key: 'ZALO_APP_SECRET' });
  });

  it('accepts upper-case hex and surrounding spaces, and the bare digest without mac=', () => {
    const signature = zaloSignature(body.app_id, raw, body.timestamp, 'oa-key');
    expect(verifyZaloSignature(`  ${signature.toUpperCase().replace('MAC=', 'mac=')} `, raw, body, KEYS).ok).toBe(true);
    expect(verifyZaloSignature(signature.slice(4), raw, body, KEYS).ok).toBe(true);
  });

  it('refuses a missing, malformed or wrong header, a changed body, and a body without app_id or timestamp', () => {
    const signature = zaloSignature(body.app_id, raw, body.timestamp, 'oa-key');
    expect(verifyZaloSignature(undefined, raw, body, KEYS)).toMatchObject({ ok: false, reason: expect.stringContaining('no X-ZEvent-Signature') });
    expect(verifyZaloSignature('mac=xyz', raw, body, KEYS).ok).toBe(false);
    expect(verifyZaloSignature(zaloSignature(body.app_id, raw, body.timestamp, 'other-key'), raw, body, KEYS).ok).toBe(false);
    expect(verifyZaloSignature(signature, raw.replace('khai sinh', 'khai sinx'), body, KEYS).ok).toBe(false);
    expect(verifyZaloSignature(signature, raw, { ...body, app_id: undefined }, KEYS).ok).toBe(false);
    expect(verifyZaloSignature(['a', 'b'], raw, body, KEYS).ok).toBe(false);
  });
});

describe('Messenger X-Hub-Signature-256', () => {
  const raw = '{"object":"page","entry":[]}';

  it('is sha256= and the HMAC-SHA256 of the raw body keyed with the app secret', () => {
    expect(messengerSignature(raw, 'secret')).toBe(`sha256=${createHmac('sha256', 'secret').update(raw).digest('hex')}`);
  });

  it('accepts the right signature only, over the exact bytes', () => {
    expect(verifyMessengerSignature(messengerSignature(raw, 'secret'), raw, 'secret')).toEqual({ ok: true, key: 'MESSENGER_APP_SECRET' });
    expect(verifyMessengerSignature(messengerSignature(raw, 'other'), raw, 'secret').ok).toBe(false);
    expect(verifyMessengerSignature(messengerSignature(raw, 'secret'), `${raw} `, 'secret').ok).toBe(false);
    expect(verifyMessengerSignature(undefined, raw, 'secret').ok).toBe(false);
    // The legacy SHA-1 header form is not accepted.
    expect(verifyMessengerSignature(`sha1=${createHmac('sha1', 'secret').update(raw).digest('hex')}`, raw, 'secret').ok).toBe(false);
  });

  it('compares verify tokens whatever their lengths', () => {
    expect(sameSecret('token', 'token')).toBe(true);
    expect(sameSecret('token', 'token-longer')).toBe(false);
    expect(sameSecret('', 'token')).toBe(false);
  });
});
