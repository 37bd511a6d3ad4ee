import { Dossier, DossierStatus, FINAL_STATUSES, PublicDossier, publicView } from './dossier';

/** Who wants to hear about a dossier: one chat. */
export interface Subscriber {
  /** The chat's stable id (channel + conversation): one subscription per code per chat. */
  key: string;
  /** The conversation reference as opaque JSON; only the bot layer reads it. */
  reference: string;
  /** The channel, so a sender knows its delivery window. */
  channel: string;
  locale: string;
}

export interface Subscription extends Subscriber {
  code: string;
  /** The status the chat was last told. */
  seen: DossierStatus;
  /** ms since the epoch; notifications stop after it. */
  expiresAt: number;
}

/** A status change of a watched dossier, to be told to its subscribers once. */
export interface ChangeEvent {
  id: string;
  code: string;
  from: DossierStatus;
  dossier: PublicDossier;
}

export type SubscribeOutcome = 'added' | 'renewed' | 'final';

/**
 * Subscriptions to dossier changes, the last status known for each watched dossier, and the feed of changes.
 * In Redis, everything survives restarts and is shared by every instance; the feed gives each change to one
 * instance (a consumer group), and a claim per change and chat makes each notice go out once.
 */
export interface WatchStore {
  readonly kind: 'redis' | 'memory';
  subscribe(code: string, subscriber: Subscriber, seen: DossierStatus): Promise<SubscribeOutcome>;
  unsubscribe(code: string, key: string): Promise<boolean>;
  /** Ends every subscription of the chat; returns the codes. */
  unsubscribeAll(key: string): Promise<string[]>;
  codesOf(key: string): Promise<string[]>;
  subscribers(code: string): Promise<Subscription[]>;
  markSeen(code: string, key: string, status: DossierStatus): Promise<void>;
  /** Forgets the dossier's subscriptions and watch (after a final status). */
  end(code: string): Promise<void>;
  /** Codes with live subscriptions, oldest first, at most `limit`. */
  watched(limit: number): Promise<string[]>;
  /** Records a change event when the dossier is watched and its status differs from the last known one. */
  observe(dossier: Dossier): Promise<boolean>;
  /** Changes not yet handled: new ones, and ones another instance took but did not finish in time. */
  take(consumer: string, count: number): Promise<ChangeEvent[]>;
  done(eventId: string): Promise<void>;
  /** True for the first caller per (event, chat): only that one sends. */
  claim(eventId: string, key: string): Promise<boolean>;
  /** Gives a claim back after a failed send; returns how many sends failed so far. */
  release(eventId: string, key: string): Promise<number>;
}

export interface WatchOptions {
  /** How long a subscription lasts (90 days). */
  subscriptionMs: number;
  /** A change taken by an instance that has not finished it after this long is taken by another (60 s). */
  staleMs?: number;
  now?: () => number;
}

/** One process, no Redis: subscriptions last as long as the process. */
export class MemoryWatchStore implements WatchStore {
  readonly kind = 'memory';
  private readonly subs = new Map<string, Map<string, Subscription>>();
  private readonly watches = new Map<string, DossierStatus>();
  private readonly events: ChangeEvent[] = [];
  private readonly claims = new Set<string>();
  private readonly failures = new Map<string, number>();
  private sequence = 0;
  private readonly now: () => number;

  constructor(private readonly options: WatchOptions) {
    this.now = options.now ?? Date.now;
  }

  async subscribe(code: string, subscriber: Subscriber, seen: DossierStatus): Promise<SubscribeOutcome> {
    if (FINAL_STATUSES.has(seen)) return 'final';
    const forCode = this.subs.get(code) ?? new Map<string, Subscription>();
    const existed = forCode.has(subscriber.key);
    forCode.set(subscriber.key, { ...subscriber, code, seen, expiresAt: this.now() + this.options.subscriptionMs });
    this.subs.set(code, forCode);
    if (!this.watches.has(code)) this.watches.set(code, seen);
    return existed ? 'renewed' : 'added';
  }

  async unsubscribe(code: string, key: string): Promise<boolean> {
    const forCode = this.subs.get(code);
    const removed = forCode?.delete(key) ?? false;
    if (forCode && forCode.size === 0) await this.end(code);
    return removed;
  }

  async unsubscribeAll(key: string): Promise<string[]> {
    const codes = await this.codesOf(key);
    for (const code of codes) await this.unsubscribe(code, key);
    return codes;
  }

  async codesOf(key: string): Promise<string[]> {
    return [...this.subs].filter(([, forCode]) => this.live(forCode.get(key))).map(([code]) => code);
  }

  async subscribers(code: string): Promise<Subscription[]> {
    return [...(this.subs.get(code)?.values() ?? [])].filter((s) => this.live(s)).map((s) => ({ ...s }));
  }

  async markSeen(code: string, key: string, status: DossierStatus): Promise<void> {
    const sub = this.subs.get(code)?.get(key);
    if (sub) sub.seen = status;
  }

  async end(code: string): Promise<void> {
    this.subs.delete(code);
    this.watches.delete(code);
  }

  async watched(limit: number): Promise<string[]> {
    return [...this.subs].filter(([, forCode]) => [...forCode.values()].some((s) => this.live(s))).map(([code]) => code).slice(0, limit);
  }

  async observe(dossier: Dossier): Promise<boolean> {
    const from = this.watches.get(dossier.code);
    if (from === undefined || from === dossier.status) return false;
    this.watches.set(dossier.code, dossier.status);
    this.events.push({ id: String(++this.sequence), code: dossier.code, from, dossier: publicView(dossier) });
    return true;
  }

  async take(_consumer: string, count: number): Promise<ChangeEvent[]> {
    return this.events.slice(0, count).map((event) => structuredClone(event));
  }

  async done(eventId: string): Promise<void> {
    const index = this.events.findIndex((event) => event.id === eventId);
    if (index >= 0) this.events.splice(index, 1);
    for (const id of this.claims) if (id.startsWith(`${eventId}\n`)) this.claims.delete(id);
    for (const id of this.failures.keys()) if (id.startsWith(`${eventId}\n`)) this.failures.delete(id);
  }

  async claim(eventId: string, key: string): Promise<boolean> {
    const id = `${eventId}\n${key}`;
    if (this.claims.has(id)) return false;
    this.claims.add(id);
    return true;
  }

  async release(eventId: string, key: string): Promise<number> {
    const id = `${eventId}\n${key}`;
    this.claims.delete(id);
    const failures = (this.failures.get(id) ?? 0) + 1;
    this.failures.set(id, failures);
    return failures;
  }

  private live(sub: Subscription | undefined): boolean {
    return sub !== undefined && sub.expiresAt > this.now();
  }
}
