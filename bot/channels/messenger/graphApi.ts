import { createHmac } from 'node:crypto';
import { SendError } from '../delivery/deliveryTypes';

const TIMEOUT_MS = 10_000;

/** Graph codes worth another try: unknown/temporary errors and rate limits (channels.md §2.8). */
const RETRY_CODES = new Set([1, 2, 4, 17, 32, 613]);
/** Outside the 24 h window (10/2018278) or the person cannot be reached now (551): keep for their next message. */
const HOLD_SUBCODES = new Set([2018278, 2018108]);
const HOLD_CODES = new Set([551]);

/** A refusal or failure of the Graph API. */
export class GraphError extends SendError {
  constructor(
    message: string,
    kind: SendError['kind'],
    code?: number,
    readonly subcode?: number,
  ) {
    super(message, kind, code);
    this.name = 'GraphError';
  }
}

export interface GraphApiOptions {
  apiBase: string;
  apiVersion: string;
  pageToken: string;
  appSecret: string;
  timeoutMs?: number;
}

/** The Send API of a Page: messages and sender actions. */
export class GraphApi {
  private readonly proof: string;

  constructor(private readonly options: GraphApiOptions) {
    // appsecret_proof: accepted always, required when the app enforces "Require App Secret".
    this.proof = createHmac('sha256', options.appSecret).update(options.pageToken).digest('hex');
  }

  /** POST /{version}/me/messages → the message id. */
  async sendMessage(body: Record<string, unknown>): Promise<{ messageId?: string }> {
    const json = await this.post(body);
    return { messageId: typeof json.message_id === 'string' ? json.message_id : undefined };
  }

  /** typing_on / typing_off / mark_seen, as a request of its own (never together with a message). */
  async senderAction(psid: string, action: 'typing_on' | 'typing_off' | 'mark_seen'): Promise<void> {
    await this.post({ recipient: { id: psid }, sender_action: action }, 3000);
  }

  /** POST /{version}/me/messenger_profile: the "Get Started" button, the greeting, the menu. */
  async setProfile(profile: Record<string, unknown>): Promise<void> {
    await this.post(profile, this.options.timeoutMs ?? TIMEOUT_MS, 'messenger_profile');
  }

  private async post(body: Record<string, unknown>, timeoutMs = this.options.timeoutMs ?? TIMEOUT_MS, endpoint = 'messages'): Promise<Record<string, unknown>> {
    const url = new URL(`${this.options.apiBase.replace(/\/+$/, '')}/${this.options.apiVersion}/me/${endpoint}`);
    url.searchParams.set('access_token', this.options.pageToken);
    url.searchParams.set('appsecret_proof', this.proof);
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new GraphError(`network: ${error instanceof Error ? error.message : String(error)}`, 'retry');
    }
    const text = await response.text().catch(() => '');
    const json = parseObject(text);
    if (response.ok && json) return json;
    throw classify(response.status, json);
  }
}

/** An HTTP status and Graph error body → what to do about it. */
export function classify(status: number, json: Record<string, unknown> | null): GraphError {
  const error = json && typeof json.error === 'object' && json.error !== null ? (json.error as Record<string, unknown>) : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const text = `Graph HTTP ${status}${code !== undefined ? ` code ${code}${subcode ? `/${subcode}` : ''}` : ''}${typeof error.message === 'string' ? `: ${error.message.slice(0, 200)}` : ''}`;
  if (status >= 500 || status === 429) return new GraphError(text, 'retry', code ?? status, subcode);
  if (code !== undefined && HOLD_CODES.has(code)) return new GraphError(text, 'hold', code, subcode);
  if (subcode !== undefined && HOLD_SUBCODES.has(subcode)) return new GraphError(text, 'hold', code, subcode);
  if (code !== undefined && RETRY_CODES.has(code)) return new GraphError(text, 'retry', code, subcode);
  return new GraphError(text, 'fail', code ?? status, subcode);
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
