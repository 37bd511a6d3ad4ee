import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { StorageUnavailableError } from './storageErrors';

/** How long an acceptance waits for a replica to have it, and how often the replica count is asked again. */
const WAIT_MS = 250;
const RECHECK_MS = 10_000;
/** After the last replica left, events are refused this long: long enough for a failover to move the clients. */
const LEFT_GRACE_MS = 5000;

/**
 * "Accepted" should mean "survives a failover": Redis replicates asynchronously, and a Sentinel promoting a
 * replica loses what the old primary had not passed on yet. Before a webhook answers 200, this waits (WAIT 1) for
 * one replica to have everything written so far on the connection's primary, when the primary has replicas;
 * without replicas it returns at once. When no replica acknowledges in time, or the primary's only replica has
 * just left (the one a failover is promoting: the old primary still takes writes it is about to lose), it throws
 * a StorageUnavailableError: the webhook answers 503 and the platform delivers the event again. A replica gone
 * for good stops being waited for after LEFT_GRACE_MS.
 */
export function replicationWait(client: Redis, logger: Logger): () => Promise<void> {
  let replicas = 0;
  let checkedAt = 0;
  /** When this primary last listed a replica: one that has just left may be the one a failover is promoting. */
  let hadReplicaAt = 0;
  let warned = false;
  client.on('ready', () => {
    // A new connection may be a new primary (after a failover): its own timeline starts here.
    checkedAt = 0;
    hadReplicaAt = 0;
  });
  const refuse = (why: string) => {
    checkedAt = 0;
    if (!warned) {
      warned = true;
      logger.warn({ why }, 'redis: accepted events might not survive a failover now; webhooks answer 503 until a replica has them');
    }
    throw new StorageUnavailableError(`not on a replica: ${why}`);
  };
  return async () => {
    if (Date.now() - checkedAt > RECHECK_MS) {
      checkedAt = Date.now();
      const info = await client.info('replication').catch(() => '');
      replicas = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
      if (replicas > 0) hadReplicaAt = Date.now();
    }
    if (replicas === 0) {
      if (Date.now() - hadReplicaAt < LEFT_GRACE_MS) refuse('the replica has just disconnected (a failover?)');
      return;
    }
    const acknowledged = Number(await client.call('WAIT', '1', String(WAIT_MS)).catch(() => 0));
    if (acknowledged < 1) refuse(`no replica acknowledged within ${WAIT_MS} ms`);
    hadReplicaAt = Date.now();
    warned = false;
  };
}
