import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import type { Dossier } from './dossier';
import type { DossierRegistry } from './dossierRegistry';
import type { LookupLimits } from './lookupLimits';
import { UpstreamConnector, UpstreamUnavailableError } from './upstreamConnector';

export type LookupResult =
  | { kind: 'found'; dossier: Dossier; source: 'registry' | 'upstream' }
  | { kind: 'not-found' }
  | { kind: 'limited'; by: 'user' | 'code'; retryAfterSeconds: number }
  /** Neither the registry nor the upstream could answer (Redis down, upstream timeout, circuit open). */
  | { kind: 'unavailable' };

export interface LookupDeps {
  registry: DossierRegistry;
  connector: UpstreamConnector | null;
  limits: LookupLimits;
  logger: Logger;
  /** Every lookup answers after at least this long, so timing does not tell a known code from an unknown one. */
  floorMs: number;
}

/**
 * Looks a code up for a citizen: the abuse limits first, then the providers in order (the local registry, then
 * the province's system). Every outcome takes at least `floorMs`; the log line names the code and the outcome,
 * never the applicant's data, and the user only as a hash.
 */
export class DossierLookup {
  constructor(private readonly deps: LookupDeps) {}

  async check(userKey: string, code: string): Promise<LookupResult> {
    const started = performance.now();
    const result = await this.checkNow(userKey, code);
    const elapsed = performance.now() - started;
    if (elapsed < this.deps.floorMs) await sleep(this.deps.floorMs - elapsed);
    const source = result.kind === 'found' ? result.source : undefined;
    this.deps.logger.info(
      { event: 'dossier_lookup', code, outcome: result.kind, source, user: userHash(userKey), ms: Math.round(elapsed) },
      'dossier lookup',
    );
    return result;
  }

  /** The record as the providers have it now, without counting a lookup (a second step of the same lookup). */
  async read(code: string): Promise<Dossier | null> {
    const result = await this.find(code);
    return result.kind === 'found' ? result.dossier : null;
  }

  private async checkNow(userKey: string, code: string): Promise<LookupResult> {
    try {
      const verdict = await this.deps.limits.take(userKey, code);
      if (!verdict.ok) return { kind: 'limited', by: verdict.by, retryAfterSeconds: verdict.retryAfterSeconds };
      return await this.find(code);
    } catch (error) {
      this.deps.logger.warn({ code, err: (error as Error).message }, 'dossier lookup failed: storage unavailable');
      return { kind: 'unavailable' };
    }
  }

  private async find(code: string): Promise<LookupResult> {
    const stored = await this.deps.registry.get(code);
    if (stored) return { kind: 'found', dossier: stored, source: 'registry' };
    if (!this.deps.connector) return { kind: 'not-found' };
    try {
      const answer = await this.deps.connector.lookup(code);
      return answer.kind === 'found' ? { kind: 'found', dossier: answer.dossier, source: 'upstream' } : { kind: 'not-found' };
    } catch (error) {
      if (!(error instanceof UpstreamUnavailableError)) throw error;
      this.deps.logger.warn({ code, reason: error.reason, err: error.message }, 'dossier upstream unavailable');
      return { kind: 'unavailable' };
    }
  }
}

function userHash(userKey: string): string {
  return createHash('sha256').update(userKey).digest('hex').slice(0, 12);
}
