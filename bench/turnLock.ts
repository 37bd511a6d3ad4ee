/**
 * Benchmark: what one turn at a time per conversation costs a turn. Times acquire + release of the turn lock, in
 * process and on Redis (REDIS_URL or the local default), for conversations that never wait (the common case: one
 * message at a time per conversation) and for 50 messages of one conversation arriving together. Prints figures;
 * asserts nothing. Run: `npx tsx bench/turnLock.ts` (or `npm run bench` with the others).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { LocalTurnLock, RedisTurnLock, type TurnLock } from '../bot/storage/turnLock';

const CYCLES = 3000;
const CONTENDERS = 50;

async function uncontended(lock: TurnLock, prefix: string): Promise<{ p50: number; p99: number; cpuUs: number }> {
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < CYCLES; i++) {
    const started = performance.now();
    const release = await lock.acquire(`${prefix}/conversation-${i}`);
    await release();
    times.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(CYCLES * 0.5)], p99: times[Math.floor(CYCLES * 0.99)], cpuUs: (used.user + used.system) / CYCLES };
}

/** 50 turns of one conversation at once, each 2 ms long: how long until the last one ran, beyond 50 × 2 ms. */
async function contended(locks: TurnLock[], key: string): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONTENDERS }, async (_, i) => {
      const release = await locks[i % locks.length].acquire(key);
      await new Promise((resolve) => setTimeout(resolve, 2));
      await release();
    }),
  );
  return performance.now() - started - CONTENDERS * 2;
}

async function main(): Promise<void> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const prefix = `ttb-bench:${randomUUID()}:`;
  const clients = [new Redis(url), new Redis(url)];
  try {
    const local = await uncontended(new LocalTurnLock(), 'local');
    const redis = await uncontended(new RedisTurnLock(clients[0], prefix), 'redis');
    const overheadLocal = await contended([new LocalTurnLock()], 'contended');
    const overheadRedis = await contended(clients.map((client) => new RedisTurnLock(client, prefix)), 'contended');
    const fmt = (n: number) => n.toFixed(3);
    process.stdout.write(
      [
        `turn lock, ${CYCLES} conversations one message each (acquire + release):`,
        `  in process: p50 ${fmt(local.p50)} ms, p99 ${fmt(local.p99)} ms, CPU ${local.cpuUs.toFixed(1)} µs per turn`,
        `  Redis lease: p50 ${fmt(redis.p50)} ms, p99 ${fmt(redis.p99)} ms, CPU ${redis.cpuUs.toFixed(1)} µs per turn`,
        `${CONTENDERS} messages of one conversation at once (2 ms turns), time beyond the turns themselves:`,
        `  in process: ${overheadLocal.toFixed(1)} ms; Redis lease on two instances: ${overheadRedis.toFixed(1)} ms`,
      ].join('\n') + '\n',
    );
  } finally {
    for (const client of clients) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
    await Promise.all(clients.map((client) => client.quit()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
