import type { Logger } from '../logger';
import { readDossier } from './dossier';
import type { DossierCodeReader } from './dossierCode';
import type { DossierRegistry, DossierSource, UpsertOutcome } from './dossierRegistry';
import type { WatchStore } from './watchStore';

export interface Accepted {
  /** Index in the batch, or line number in a CSV file. */
  position: number;
  code: string;
  outcome: UpsertOutcome;
}

export interface Rejected {
  position: number;
  code: string | null;
  problems: string[];
}

export interface IngestReport {
  accepted: Accepted[];
  rejected: Rejected[];
  /** Fields that are not dossier fields, ignored (a typo in a field name shows up here). */
  ignoredFields: string[];
}

export interface IngestDeps {
  codes: DossierCodeReader;
  registry: DossierRegistry;
  watch: WatchStore;
  logger: Logger;
  /** Called when a watched dossier changed, so that its subscribers hear about it soon. */
  onChange(): void;
}

/**
 * Saves records from the push API or a CSV import: each is validated on its own (a bad record never stops the
 * good ones), the change is recorded for subscribers, then the record is upserted. Recording first means a crash
 * between the two loses no notice: the sender retries (it got no answer), the upsert happens, and the change is
 * not recorded twice.
 */
export class DossierIngest {
  constructor(private readonly deps: IngestDeps) {}

  async save(records: { position: number; input: unknown }[], source: DossierSource): Promise<IngestReport> {
    const report: IngestReport = { accepted: [], rejected: [], ignoredFields: [] };
    const ignored = new Set<string>();
    let changed = false;
    for (const { position, input } of records) {
      const reading = readDossier(input, this.deps.codes);
      if (!reading.ok) {
        report.rejected.push({ position, code: reading.code, problems: reading.problems });
        continue;
      }
      reading.ignored.forEach((field) => ignored.add(field));
      changed = (await this.deps.watch.observe(reading.dossier)) || changed;
      const outcome = await this.deps.registry.upsert(reading.dossier, source);
      report.accepted.push({ position, code: reading.dossier.code, outcome });
    }
    report.ignoredFields = [...ignored].sort();
    if (changed) this.deps.onChange();
    const counts = countOutcomes(report);
    this.deps.logger.info({ source, ...counts, rejected: report.rejected.length }, 'dossiers saved');
    return report;
  }
}

export function countOutcomes(report: IngestReport): Record<UpsertOutcome, number> {
  const counts: Record<UpsertOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  for (const { outcome } of report.accepted) counts[outcome]++;
  return counts;
}
