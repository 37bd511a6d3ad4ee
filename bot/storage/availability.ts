/**
 * Whether the shared store (Redis) can be used for this turn. A turn that finds it away waits a little for it to
 * come back (a restart, a Sentinel failover), then goes on without it: knowledge answers from memory, the rest
 * "briefly unavailable" (bot/turnRunner.ts). An outage already longer than the wait is not waited for again.
 */
export interface StoreAvailability {
  /** True at once when the store is up; else waits up to `budgetMs` (less if the outage is older) for it. */
  waitReady(budgetMs: number): Promise<boolean>;
}

/** Memory storage is always there. */
export const ALWAYS_AVAILABLE: StoreAvailability = { waitReady: async () => true };
