import { periodEnd } from './readSources';
import type { Entry } from './types';

export interface StaleEntry {
  id: string;
  file: string;
  updated?: string;
  /** Whole days from `updated` to today; undefined when the entry has no date (it counts as the oldest). */
  age?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The entries whose facts were last checked `days` days before `today` or earlier, and those with no `updated`
 * date at all, oldest first (no date first, then by date, then by file). `updated: 2025-06` counts from 30 June 2025.
 */
export function staleEntries(entries: readonly Entry[], days: number, today: Date): StaleEntry[] {
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return entries
    .map((entry): StaleEntry => {
      // A month or a year counts from its last day: the entry is at least that old.
      const checked = entry.updated === undefined ? undefined : periodEnd(entry.updated);
      const age = checked === undefined ? undefined : Math.floor((todayUtc - checked) / DAY_MS);
      return { id: entry.id, file: entry.file, updated: entry.updated, age };
    })
    .filter((entry) => entry.age === undefined || entry.age >= days)
    .sort((a, b) => (b.age ?? Infinity) - (a.age ?? Infinity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
