import { ConversationState, TestAdapter, TurnContext, UserState, type Storage } from 'botbuilder';
import { Redis } from 'ioredis';
import { RedisStorage } from '../../bot/storage/redisStorage';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

/** A fresh turn from the same user in the same conversation, as a new bot instance would see it. */
function turn(): TurnContext {
  return new TurnContext(new TestAdapter(async () => undefined), {
    type: 'message',
    channelId: 'zalo',
    conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: '' },
    recipient: { id: 'bot', name: '' },
    text: 'xin chao',
  });
}

describeWithRedis('botbuilder state on RedisStorage', () => {
  let client: Redis;
  let prefix: string;
  let storage: () => Storage;

  beforeAll(() => {
    client = new Redis(TEST_REDIS_URL);
  });
  beforeEach(() => {
    prefix = randomPrefix();
    storage = () => new RedisStorage({ client, prefix, conversationTtlSeconds: 60, userTtlSeconds: 120 });
  });
  afterEach(async () => {
    await deleteKeysWithPrefix(client, prefix);
  });
  afterAll(async () => {
    await client.quit();
  });

  test('ConversationState and UserState saved by one state object load in a fresh one', async () => {
    const writer = { conversation: new ConversationState(storage()), user: new UserState(storage()) };
    const context = turn();
    await writer.conversation.createProperty<{ step: string }>('dialog').set(context, { step: 'ask-ward' });
    await writer.user.createProperty<string>('locale').set(context, 'vi');
    await writer.conversation.saveChanges(context);
    await writer.user.saveChanges(context);

    const reader = { conversation: new ConversationState(storage()), user: new UserState(storage()) };
    const fresh = turn();
    expect(await reader.conversation.createProperty('dialog').get(fresh)).toEqual({ step: 'ask-ward' });
    expect(await reader.user.createProperty('locale').get(fresh)).toBe('vi');

    expect(await client.ttl(`${prefix}zalo/conversations/conv-1/`)).toBe(60);
    expect(await client.ttl(`${prefix}zalo/users/user-1/`)).toBe(120);
  });

  test('a second save of loaded state overwrites (BotState writes with eTag "*")', async () => {
    const first = new ConversationState(storage());
    const second = new ConversationState(storage());
    const [a, b] = [turn(), turn()];
    await first.load(a);
    await second.load(b);
    await first.createProperty('n').set(a, 1);
    await first.saveChanges(a);
    await second.createProperty('n').set(b, 2);
    await second.saveChanges(b);
    expect(await new ConversationState(storage()).createProperty('n').get(turn())).toBe(2);
  });

  test('BotState.delete() removes the key from Redis', async () => {
    const state = new ConversationState(storage());
    const context = turn();
    await state.createProperty('n').set(context, 1);
    await state.saveChanges(context);
    await state.delete(context);
    expect(await client.exists(`${prefix}zalo/conversations/conv-1/`)).toBe(0);
  });
});
