import { SendError } from '../delivery/deliveryTypes';

/** Each call gives up after this long (and counts as a network error: retried). */
const TIMEOUT_MS = 10_000;

/** Error codes (channels.md §1.7). */
const TOKEN_CODES = new Set([-216, -220]);
const RETRY_CODES = new Set([-32, -100]);
/** Window and permission: the user cannot be written to now; keep the message for the next time they write. */
const WINDOW_CODES = new Set([-213, -217, -227, -230, -232, -234, -244]);

/** A refusal or failure of the Zalo API; `tokenRejected` means: refresh the access token and send once more. */
export class ZaloError extends SendError {
  constructor(
    message: string,
    kind: SendError['kind'],
    code?: number,
    readonly tokenRejected = false,
  ) {
    super(message, kind, code);
    this.name = 'ZaloError';
  }
}

export interface ZaloSendResult {
  messageId?: string;
  /** reply | welcome_msg | sub_quota | purchase_quota | reward_quota; absent = the message was charged. */
  quotaType?: string;
}

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface ZaloApiOptions {
  apiBase: string;
  oauthBase: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}

/** The two Zalo endpoints the bot uses: the consultation (reply) message and the OAuth v4 token refresh. */
export class ZaloApi {
  constructor(private readonly options: ZaloApiOptions) {}

  /** POST /v3.0/oa/message/cs. Zalo answers HTTP 200 even on failure: the `error` field decides. */
  async sendMessage(accessToken: string, body: Record<string, unknown>): Promise<ZaloSendResult> {
    const response = await this.call(`${trimSlash(this.options.apiBase)}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = response.json.data;
    const quota = isObject(data) && isObject(data.quota) ? data.quota : undefined;
    return {
      messageId: isObject(data) && typeof data.message_id === 'string' ? data.message_id : undefined,
      quotaType: typeof quota?.quota_type === 'string' ? quota.quota_type : undefined,
    };
  }

  /** POST {oauth}/v4/oa/access_token with grant_type=refresh_token. The refresh token is single use. */
  async refresh(refreshToken: string): Promise<ZaloTokenPair> {
    return this.tokenCall({ refresh_token: refreshToken, app_id: this.options.appId, grant_type: 'refresh_token' });
  }

  /** The first pair, from the code the OA admin's consent returned (valid about 10 min, single use). */
  async exchangeCode(code: string, codeVerifier?: string): Promise<ZaloTokenPair> {
    const fields: Record<string, string> = { code, app_id: this.options.appId, grant_type: 'authorization_code' };
    if (codeVerifier) fields.code_verifier = codeVerifier;
    return this.tokenCall(fields);
  }

  private async tokenCall(fields: Record<string, string>): Promise<ZaloTokenPair> {
    const form = new URLSearchParams(fields);
    const { json } = await this.call(`${trimSlash(this.options.oauthBase)}/v4/oa/access_token`, {
      method: 'POST',
      headers: { secret_key: this.options.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (typeof json.access_token !== 'string' || typeof json.refresh_token !== 'string' || !json.access_token || !json.refresh_token) {
      const reason = typeof json.error_description === 'string' ? json.error_description : 'no access_token in the answer';
      throw new ZaloError(`token refresh refused: ${reason}`, 'fail', typeof json.error === 'number' ? json.error : undefined);
    }
    const expires = Number(json.expires_in);
    return { accessToken: json.access_token, refreshToken: json.refresh_token, expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 90_000 };
  }

  private async call(url: string, init: RequestInit): Promise<{ json: Record<string, unknown> }> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? TIMEOUT_MS) });
    } catch (error) {
      throw new ZaloError(`network: ${describe(error)}`, 'retry');
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500 || response.status === 429) throw new ZaloError(`HTTP ${response.status}`, 'retry', response.status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ZaloError(`HTTP ${response.status} with a body that is not JSON`, response.ok ? 'retry' : 'fail', response.status);
    }
    if (!isObject(json)) throw new ZaloError(`HTTP ${response.status} with an unexpected body`, 'fail', response.status);
    const code = typeof json.error === 'number' ? json.error : Number(json.error ?? 0);
    const said = typeof json.message === 'string' ? json.message : typeof json.error_description === 'string' ? json.error_description : '';
    if (code !== 0 && Number.isFinite(code)) throw classify(code, said);
    if (!response.ok) throw new ZaloError(`HTTP ${response.status}`, 'fail', response.status);
    return { json };
  }
}

/** A non-zero `error` → what to do about it. */
export function classify(code: number, message: string): ZaloError {
  const text = `Zalo error ${code}${message ? `: ${message.slice(0, 200)}` : ''}`;
  if (TOKEN_CODES.has(code)) return new ZaloError(text, 'fail', code, true);
  if (RETRY_CODES.has(code)) return new ZaloError(text, 'retry', code);
  if (WINDOW_CODES.has(code)) return new ZaloError(text, 'hold', code);
  return new ZaloError(text, 'fail', code);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
