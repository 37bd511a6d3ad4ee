import { DirectLineTokens } from '../../../bot/channels/directLine/tokens';

const SECRET = 'a-secret-of-more-than-thirty-two-characters';

function part(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('DirectLineTokens', () => {
  it('issues an HS256 JWT whose payload Web Chat reads (user claim), bound to one conversation', () => {
    const { token, expiresIn } = new DirectLineTokens(SECRET).issue('conv-1', 'dl_user');
    expect(expiresIn).toBe(1800);
    expect(part(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(part(token, 1)).toMatchObject({ conv: 'conv-1', user: 'dl_user' });
    expect(new DirectLineTokens(SECRET).verify(token)).toEqual({ ok: true, claims: expect.objectContaining({ conv: 'conv-1' }) });
  });

  it('expires after its lifetime', () => {
    let now = 1_000_000_000_000;
    const tokens = new DirectLineTokens(SECRET, 1800, () => now);
    const { token } = tokens.issue('conv-1', 'dl_user');
    now += 1799_000;
    expect(tokens.verify(token).ok).toBe(true);
    now += 1000;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret, a changed payload, alg none and garbage', () => {
    const tokens = new DirectLineTokens(SECRET);
    const { token } = tokens.issue('conv-1', 'dl_user');
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...part(token, 1), conv: 'conv-2' })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`;
    expect(tokens.verify(new DirectLineTokens(`${SECRET}x`).issue('conv-1', 'dl_user').token)).toEqual({ ok: false, reason: 'signature' });
    expect(tokens.verify(`${header}.${otherPayload}.${signature}`)).toEqual({ ok: false, reason: 'signature' });
    expect(tokens.verify(none).ok).toBe(false);
    for (const bad of ['', 'abc', 'a.b.c', `${header}.!!.${signature}`]) expect(tokens.verify(bad).ok).toBe(false);
  });

  it('recognises the secret itself, and nothing else, as the secret', () => {
    const tokens = new DirectLineTokens(SECRET);
    expect(tokens.isSecret(SECRET)).toBe(true);
    expect(tokens.isSecret(`${SECRET} `)).toBe(false);
    expect(tokens.isSecret(tokens.issue('c', 'u').token)).toBe(false);
  });
});
