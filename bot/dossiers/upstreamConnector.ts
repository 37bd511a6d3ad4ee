import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  IPolicy,
} from 'cockatiel';
import type { Logger } from '../logger';
import { DOSSIER_FIELDS, DOSSIER_STATUSES, DossierField, DossierStatus, readDossier } from './dossier';
import type { DossierCodeReader } from './dossierCode';
import { JsonPath } from './jsonPath';
import type { UpstreamAnswer, UpstreamCache } from './upstreamCache';

/** How to ask the province's system about one code and read its answer. */
export interface ConnectorOptions {
  /** `https://…/hoso?ma={code}`: `{code}` is replaced by the code, URL-encoded. */
  urlTemplate: string;
  headers: Record<string, string>;
  /** A JSON path per field; fields without one are not read. */
  fields: Partial<Record<DossierField, string>>;
  /** Their status codes (as text) to ours; a value that already is one of ours needs no line. */
  statuses: Record<string, DossierStatus>;
  timeoutMs: number;
  /** Extra attempts after a network error (connection refused or reset, DNS); not after a timeout. */
  retries: number;
  /** Consecutive failures that open the circuit, and how long it stays open before one trial call. */
  breaker: { failures: number; resetMs: number };
  cacheTtlSeconds: number;
}

/**
 * The status codes of the national portal's sync (shared/reference/channels.md §5) onto ours. None of them means
 * "refused after acceptance" (`rejected`): a system that has such a status maps it in DOSSIER_API_STATUSES.
 */
export const PORTAL_STATUSES: Readonly<Record<string, DossierStatus>> = {
  '1': 'submitted', // Mới đăng ký: filed, not yet checked by an officer
  '2': 'received', // Được tiếp nhận
  '3': 'returned', // Không được tiếp nhận
  '4': 'processing', // Đang xử lý
  '5': 'supplement', // Yêu cầu bổ sung giấy tờ
  '6': 'payment', // Yêu cầu thực hiện nghĩa vụ tài chính
  '7': 'withdrawn', // Công dân yêu cầu rút hồ sơ
  '8': 'stopped', // Dừng xử lý
  '9': 'ready', // Đã xử lý xong: the result waits at the desk (or goes by post)
  '10': 'delivered', // Đã trả kết quả: the result has been handed over
};

/** Why the upstream could not answer; the bot says "try again later", never "not found". */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly reason: 'timeout' | 'network' | 'refused' | 'circuit-open' | 'bad-answer',
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamUnavailableError';
  }
}

/** Seconds "not found" is cached at most: a dossier entered a minute ago should show up soon. */
const NOT_FOUND_TTL_SECONDS = 60;

/**
 * The HTTP connector to the province's one-stop system: one GET per code, a timeout, retries on network errors,
 * a circuit breaker (after repeated failures the bot stops calling for a while and answers at once), and a cache.
 */
export class UpstreamConnector {
  private readonly paths: [DossierField, JsonPath][];
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;

  constructor(
    private readonly options: ConnectorOptions,
    private readonly codes: DossierCodeReader,
    private readonly cache: UpstreamCache,
    private readonly logger: Logger,
  ) {
    this.paths = DOSSIER_FIELDS.filter((field) => options.fields[field]).map((field) => [field, JsonPath.parse(options.fields[field] as string)]);
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof UpstreamUnavailableError || error instanceof TaskCancelledError),
      { halfOpenAfter: options.breaker.resetMs, breaker: new ConsecutiveBreaker(options.breaker.failures) },
    );
    this.breaker.onBreak(() => logger.warn({ upstream: this.host() }, 'dossier upstream: circuit open, calls paused'));
    this.breaker.onReset(() => logger.info({ upstream: this.host() }, 'dossier upstream: circuit closed again'));
    const retries = retry(
      handleWhen((error) => error instanceof UpstreamUnavailableError && error.reason === 'network'),
      { maxAttempts: options.retries, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 500 }) },
    );
    this.policy = wrap(retries, this.breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /** 'closed', 'open', 'half-open' or 'isolated', for health reports. */
  get circuit(): string {
    return ['closed', 'open', 'half-open', 'isolated'][this.breaker.state] ?? String(this.breaker.state);
  }

  /** The cached answer when there is one, else the upstream's. Throws UpstreamUnavailableError. */
  async lookup(code: string): Promise<UpstreamAnswer> {
    const cached = await this.cache.get(code).catch(() => null);
    return cached ?? this.fetchFresh(code);
  }

  /** Asks the upstream now (polling), and refreshes the cache. Throws UpstreamUnavailableError. */
  async fetchFresh(code: string): Promise<UpstreamAnswer> {
    const answer = await this.call(code);
    const ttl = answer.kind === 'found' ? this.options.cacheTtlSeconds : Math.min(this.options.cacheTtlSeconds, NOT_FOUND_TTL_SECONDS);
    await this.cache.set(code, answer, ttl).catch((error: Error) => this.logger.warn({ err: error.message }, 'dossier upstream: cache not written'));
    return answer;
  }

  private async call(code: string): Promise<UpstreamAnswer> {
    try {
      return await this.policy.execute(({ signal }) => this.request(code, signal));
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new UpstreamUnavailableError('circuit-open', 'the upstream failed repeatedly; calls are paused');
      if (error instanceof TaskCancelledError) throw new UpstreamUnavailableError('timeout', `no answer within ${this.options.timeoutMs} ms`);
      throw error;
    }
  }

  private async request(code: string, signal: AbortSignal): Promise<UpstreamAnswer> {
    const url = this.options.urlTemplate.replace(/\{code\}/g, encodeURIComponent(code));
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', ...this.options.headers }, signal });
    } catch (error) {
      if (signal.aborted) throw new TaskCancelledError();
      throw new UpstreamUnavailableError('network', networkReason(error));
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { kind: 'not-found' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpstreamUnavailableError('refused', `HTTP ${response.status}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (signal.aborted) throw new TaskCancelledError();
      throw new UpstreamUnavailableError('bad-answer', 'the answer is not JSON');
    }
    return this.read(code, body);
  }

  /** Maps the answer onto our fields; no status at the status path means the upstream does not know the code. */
  private read(code: string, body: unknown): UpstreamAnswer {
    const record: Record<string, unknown> = { code };
    for (const [field, path] of this.paths) {
      const value = path.read(body);
      if (value !== undefined && value !== null) record[field] = value;
    }
    if (record.status === undefined || record.status === '') return { kind: 'not-found' };
    record.status = this.status(String(record.status));
    const reading = readDossier(record, this.codes);
    if (!reading.ok) throw new UpstreamUnavailableError('bad-answer', `the mapped record is not valid: ${reading.problems.join('; ')}`);
    if (reading.dossier.code !== code) return { kind: 'not-found' };
    return { kind: 'found', dossier: reading.dossier };
  }

  private status(theirs: string): string {
    const key = theirs.trim();
    const ours = this.options.statuses[key] ?? DOSSIER_STATUSES.find((status) => status === key.toLowerCase());
    if (!ours) throw new UpstreamUnavailableError('bad-answer', `status "${key}" is not in DOSSIER_API_STATUSES`);
    return ours;
  }

  private host(): string {
    try {
      return new URL(this.options.urlTemplate.replace(/\{code\}/g, 'x')).host;
    } catch {
      return 'upstream';
    }
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

