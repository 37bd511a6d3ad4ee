import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token grants: one conversation, as one user, until `exp` (seconds since the epoch). */
export interface TokenClaims {
  conv: string;
  /** Web Chat reads this claim and uses it as the user id (it must start with `dl_`). */
  user: string;
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** Azure's lifetime, which directlinejs assumes: it refreshes every 15 minutes. */
export const TOKEN_LIFETIME_SECONDS = 1800;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Direct Line tokens: HS256 JSON Web Tokens (so Web Chat can read the `user` claim), signed with a key derived
 * from DIRECTLINE_SECRET. The algorithm is fixed here and never read from the token, so an `alg: none` token or
 * one signed with another algorithm is simply a bad signature.
 */
export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    private readonly secret: string,
    private readonly lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('directline-token-v1').digest();
  }

  /** A secret for one process: tokens die with it and other instances cannot read them. */
  static randomSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  issue(conversationId: string, userId: string): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { conv: conversationId, user: userId, iat, exp: iat + this.lifetimeSeconds };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.lifetimeSeconds };
  }

  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    const claims = parseClaims(parts[1]);
    if (!claims) return { ok: false, reason: 'malformed' };
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  /** Whether a bearer value is the server's secret itself (server-to-server calls, as with Azure). */
  isSecret(bearer: string): boolean {
    const given = createHmac('sha256', this.key).update(bearer).digest();
    const expected = createHmac('sha256', this.key).update(this.secret).digest();
    return timingSafeEqual(given, expected);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function parseClaims(part: string): TokenClaims | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    const valid =
      typeof value.conv === 'string' &&
      typeof value.user === 'string' &&
      Number.isInteger(value.iat) &&
      Number.isInteger(value.exp);
    return valid ? (value as TokenClaims) : null;
  } catch {
    return null;
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
