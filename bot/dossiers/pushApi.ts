import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logger';
import { countOutcomes, DossierIngest } from './dossierIngest';

/** The most records one request may carry; a larger export is sent in several requests. */
export const MAX_BATCH = 1000;

export interface PushReply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * POST /api/dossiers, without the HTTP framework: the one-stop system sends one record (a JSON object), a batch
 * (an array), or `{ "dossiers": [...] }`, with `Authorization: Bearer <DOSSIER_PUSH_TOKEN>`. Good records are
 * saved even when others are bad; the answer is 200 when all were saved, 400 naming every bad record otherwise.
 */
export class PushApi {
  private readonly token: Buffer;

  constructor(
    token: string,
    private readonly ingest: DossierIngest,
    private readonly logger: Logger,
  ) {
    this.token = digest(token);
  }

  async handle(authorization: string | undefined, body: unknown): Promise<PushReply> {
    if (!this.authorized(authorization)) {
      return { status: 401, body: { error: 'a valid "Authorization: Bearer <token>" header is required' }, headers: { 'www-authenticate': 'Bearer' } };
    }
    const records = recordsOf(body);
    if (typeof records === 'string') return { status: 400, body: { error: records } };
    if (records.length > MAX_BATCH) return { status: 413, body: { error: `at most ${MAX_BATCH} records per request (got ${records.length})` } };
    let report;
    try {
      report = await this.ingest.save(records.map((input, position) => ({ position, input })), 'push');
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'dossier push: storage failed');
      return { status: 503, body: { error: 'storage unavailable; send the same request again later (saving twice is harmless)' }, headers: { 'retry-after': '30' } };
    }
    const summary = { received: records.length, saved: report.accepted.length, ...countOutcomes(report), ignoredFields: report.ignoredFields };
    if (report.rejected.length === 0) return { status: 200, body: summary };
    const rejected = report.rejected.map((r) => ({ index: r.position, code: r.code, problems: r.problems }));
    return { status: 400, body: { error: `${rejected.length} of ${records.length} records were not saved`, ...summary, rejected } };
  }

  private authorized(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return match !== null && timingSafeEqual(digest(match[1]), this.token);
  }
}

function recordsOf(body: unknown): unknown[] | string {
  if (Array.isArray(body)) return body.length > 0 ? body : 'the batch is empty';
  if (typeof body !== 'object' || body === null) return 'send JSON (Content-Type: application/json): one record, an array of records, or {"dossiers": [...]}';
  const dossiers = (body as { dossiers?: unknown }).dossiers;
  if (dossiers === undefined) return [body];
  if (!Array.isArray(dossiers) || dossiers.length === 0) return '"dossiers" must be a non-empty array of records';
  return dossiers;
}

/** Equal-length digests, so that the comparison takes the same time whatever the token's length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
