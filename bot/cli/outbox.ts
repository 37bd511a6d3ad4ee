import { BullShardedQueue } from '../channels/delivery/bullShardedQueue';
import { RedisChannelStore } from '../channels/delivery/channelStore';
import type { OutboundMessage } from '../channels/delivery/deliveryTypes';
import type { DeadLetter } from '../channels/delivery/shardedQueue';
import { ConfigError, loadDotEnv, readConfig } from '../config';
import { silentLogger } from '../logger';
import { createRedisClient } from '../storage/redisConnection';

/** The channels whose outbound queues the command looks at (whether or not this machine configures them). */
const CHANNELS = ['zalo', 'facebook'];

const USAGE = [
  'usage: npm run outbox -- list            dead letters (messages the platforms refused, or retries used up)',
  '       npm run outbox -- retry ID        puts one dead letter back in its queue (the running bot sends it)',
  '       npm run outbox -- retry --all     puts every dead letter back',
  '       npm run outbox -- held            users with messages waiting for their platform window to open',
].join('\n');

type Print = (line: string) => void;

/** `npm run outbox -- list|retry ID|retry --all|held`: the channels' dead letters and held messages, on Redis. */
export async function runOutbox(args: readonly string[], env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  const [command, target] = args;
  if (!command || !['list', 'retry', 'held'].includes(command) || (command === 'retry' && !target)) {
    print(USAGE);
    return 2;
  }
  const config = readConfig(env);
  if (!config.redisUrl) {
    print('REDIS_URL is not set: without Redis, dead letters live only in the running bot and are written to its log ("dead letter").');
    return 1;
  }
  const client = createRedisClient(config.redisUrl, { enableOfflineQueue: true, lazyConnect: false });
  client.on('error', () => undefined);
  const queues = CHANNELS.map(
    (channel) =>
      new BullShardedQueue<OutboundMessage>({
        name: `${channel}-out`,
        prefix: `${config.redisPrefix}bull`,
        producer: client,
        workerConnection: client,
        options: { shards: config.channelQueues.shards, attempts: 3, backoffMs: 2000, lockMs: 15_000 },
        logger: silentLogger(),
      }),
  );
  try {
    if (command === 'list') return await list(queues, print);
    if (command === 'held') return await held(new RedisChannelStore(client, `${config.redisPrefix}ch:`), print);
    return await retry(queues, target, print);
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    await client.quit().catch(() => client.disconnect());
  }
}

async function list(queues: BullShardedQueue<OutboundMessage>[], print: Print): Promise<number> {
  const letters = (await Promise.all(queues.map((queue) => queue.deadLetters(1000)))).flat().sort((a, b) => b.failedAt - a.failedAt);
  for (const letter of letters) print(describe(letter));
  print(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}`);
  return 0;
}

async function retry(queues: BullShardedQueue<OutboundMessage>[], target: string, print: Print): Promise<number> {
  const ids = target === '--all' ? (await Promise.all(queues.map((queue) => queue.deadLetters(10_000)))).flat().map((letter) => letter.id) : [target];
  let done = 0;
  for (const id of ids) {
    let found = false;
    for (const queue of queues) if (!found) found = await queue.retry(id);
    if (found) done++;
    else print(`no dead letter ${id}`);
  }
  print(`${done} message${done === 1 ? '' : 's'} queued again`);
  return done === ids.length ? 0 : 1;
}

async function held(store: RedisChannelStore, print: Print): Promise<number> {
  const keys = await store.keys('held:');
  for (const key of keys.sort()) {
    const [, channel, userId] = key.split(':');
    print(`${channel}\t${mask(userId)}\t${(await store.range(key, 1000)).length} held`);
  }
  print(`${keys.length} user${keys.length === 1 ? '' : 's'} with held messages`);
  return 0;
}

/** One line per dead letter: id, when, channel, masked recipient, tries, why, and the start of the text. */
function describe(letter: DeadLetter<OutboundMessage>): string {
  const text = String((letter.data.message as { text?: unknown }).text ?? '').replace(/\s+/g, ' ').slice(0, 60);
  return [letter.id, new Date(letter.failedAt).toISOString(), letter.data.channel, mask(letter.data.userId), `runs ${letter.attempts}`, letter.reason, JSON.stringify(text)].join('\t');
}

/** User ids are personal data: show only their last four characters. */
function mask(userId: string): string {
  return userId.length <= 4 ? '****' : `…${userId.slice(-4)}`;
}

if (require.main === module) {
  loadDotEnv();
  runOutbox(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? 'Configuration error: ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
