import { MemoryChannelStore } from '../../bot/channels/delivery/channelStore';
import type { InboundEvent } from '../../bot/channels/delivery/deliveryTypes';
import { Intake } from '../../bot/channels/delivery/intake';
import type { QueueJob, ShardedQueue } from '../../bot/channels/delivery/shardedQueue';
import { silentLogger } from '../../bot/logger';

/** A queue that records what it was given (job ids are taken once, as both real queues do). */
function recordingQueue(): ShardedQueue<InboundEvent> & { ids: string[] } {
  const ids: string[] = [];
  return {
    name: 'zalo-in',
    ids,
    add: async (_key: string, jobs: QueueJob<InboundEvent>[]) => {
      for (const { id } of jobs) if (!ids.includes(id)) ids.push(id);
    },
  } as unknown as ShardedQueue<InboundEvent> & { ids: string[] };
}

const event = (id: string): InboundEvent => ({ channel: 'zalo', id, kind: 'text', userId: '4000000001', botId: 'oa', text: 'xin chào', timestamp: 0, raw: {} });

describe('the webhook intake', () => {
  it('a redelivered event is ignored once the first delivery was accepted', async () => {
    const queue = recordingQueue();
    const intake = new Intake({ queue, store: new MemoryChannelStore(), logger: silentLogger(), perSenderPerMinute: 100 });
    expect(await intake.accept([event('m1')])).toEqual({ accepted: 1, duplicates: 0, dropped: 0 });
    expect(await intake.accept([event('m1')])).toEqual({ accepted: 0, duplicates: 1, dropped: 0 });
    expect(queue.ids).toEqual(['zalo.m1']);
  });

  it('an acceptance that a replica did not confirm (503) leaves the event unseen, so its redelivery is queued', async () => {
    // During a failover the "seen" mark can reach the new primary while the queued event does not: a mark written
    // before the confirmation would make the platform's redelivery look like a duplicate, and the message be lost.
    const queue = recordingQueue();
    // The connection is going away: nothing written can be taken back.
    const store = Object.assign(new MemoryChannelStore(), { remove: async () => Promise.reject(new Error('Stream is not writeable')) });
    let replicaHasIt = false;
    const durable = async () => {
      if (!replicaHasIt) throw new Error('not on a replica');
    };
    const intake = new Intake({ queue, store, logger: silentLogger(), perSenderPerMinute: 100, durable });
    await expect(intake.accept([event('m2')])).rejects.toThrow('not on a replica');
    expect(await store.get('seen:zalo:m2')).toBeNull();
    replicaHasIt = true;
    expect(await intake.accept([event('m2')])).toEqual({ accepted: 1, duplicates: 0, dropped: 0 });
    expect(await store.get('seen:zalo:m2')).not.toBeNull();
    expect(queue.ids).toEqual(['zalo.m2']);
  });

  it('an event the queue could not take is not marked as seen either', async () => {
    const store = new MemoryChannelStore();
    const failing = { name: 'zalo-in', add: async () => Promise.reject(new Error('Redis away')) } as unknown as ShardedQueue<InboundEvent>;
    const intake = new Intake({ queue: failing, store, logger: silentLogger(), perSenderPerMinute: 100 });
    await expect(intake.accept([event('m3')])).rejects.toThrow('Redis away');
    expect(await store.get('seen:zalo:m3')).toBeNull();
  });
});
