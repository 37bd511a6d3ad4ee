/**
 * A write refused because the stored item changed since it was read (its eTag differs), or appeared since it was
 * read as absent: another turn or another instance wrote first. Typed, so callers never recognise it by its
 * message. The message is botbuilder MemoryStorage's, so logs read the same whatever the storage.
 */
export class StateConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StateConflictError';
  }
}

/** The storage could not be reached (Redis down, a timeout): the state is as it was, nothing is lost or reset. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * An eTag that means "write only if nothing is stored under this key", for state read as absent: without it, two
 * first turns on two instances would both write and one would be lost silently. An extension of botbuilder's
 * Storage contract that MemoryStore and RedisStorage both honour.
 */
export const CREATE_ONLY_ETAG = '~absent';
