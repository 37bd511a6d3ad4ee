import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { CREATE_ONLY_ETAG, StateConflictError } from './storageErrors';

/**
 * botbuilder Storage in the process's memory, for one instance on a laptop (state is lost on restart and never
 * expires). Same semantics as RedisStorage: a stale eTag is refused with a StateConflictError, "*" or no eTag
 * overwrites, CREATE_ONLY_ETAG writes only a new item, and one write is all or nothing. Items are copied as JSON in and out, so a caller never holds
 * the stored object itself.
 */
export class MemoryStore implements Storage {
  private readonly items = new Map<string, string>();
  private sequence = 0;

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const found: StoreItems = {};
    for (const key of keys) {
      const value = this.items.get(key);
      if (value !== undefined) found[key] = JSON.parse(value) as StoreItem;
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    const conflict = keys.find((key) => this.conflicts(key, changes[key]));
    if (conflict !== undefined) throw new StateConflictError(conflict);
    for (const key of keys) {
      this.sequence += 1;
      this.items.set(key, JSON.stringify({ ...changes[key], eTag: String(this.sequence) }));
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    for (const key of keys) this.items.delete(key);
  }

  private conflicts(key: string, item: StoreItem | null | undefined): boolean {
    const expected = item?.eTag;
    if (!expected || expected === '*') return false;
    const stored = this.items.get(key);
    if (expected === CREATE_ONLY_ETAG) return stored !== undefined;
    return stored !== undefined && (JSON.parse(stored) as StoreItem).eTag !== expected;
  }
}
