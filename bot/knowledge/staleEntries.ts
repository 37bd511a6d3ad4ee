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
 * date at all, oldest first (no date first, then by date, then by file).
 */
export function staleEntries(entries: readonly Entry[], days: number, today: Date): StaleEntry[] {
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return entries
    .map((entry): StaleEntry => {
      const checked = entry.updated === undefined ? undefined : Date.parse(`${entry.updated}T00:00:00Z`);
      const age = checked === undefined ? undefined : Math.floor((todayUtc - checked) / DAY_MS);
      return { id: entry.id, file: entry.file, updated: entry.updated, age };
    })
    .filter((entry) => entry.age === undefined || entry.age >= days)
    .sort((a, b) => (b.age ?? Infinity) - (a.age ?? Infinity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
