import { MemoryStore } from '../../bot/storage/memoryStore';
import { Conversation, flatten, type Reply } from '../helpers/conversation';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store whose next read takes a while, to hold one turn open. */
function slowOnce(store: MemoryStore, ms: number): void {
  const read = store.read.bind(store);
  let slow = true;
  store.read = async (keys) => {
    if (slow) {
      slow = false;
      await sleep(ms);
    }
    return read(keys);
  };
}

describe('one turn at a time per conversation, in one instance', () => {
  it('a message that arrives during a turn waits, gets one "one moment" note, and is still answered after it', async () => {
    const store = new MemoryStore();
    const conversation = new Conversation({ storage: { storage: store, kind: 'memory' }, lockTimings: { slowMs: 50, leaseMs: 10_000, maxTurnMs: 60_000 } });
    await conversation.say('xin chao');
    slowOnce(store, 300);
    const first = conversation.adapter.receiveActivity({ type: 'message', text: 'dang ky ket hon' });
    await sleep(20);
    const second = conversation.adapter.receiveActivity({ type: 'message', text: 'con le phi thi sao' });
    await Promise.all([first, second]);
    const texts = conversation.adapter.activeQueue.splice(0).map((activity) => activity.text ?? '');
    expect(texts.filter((text) => text.includes('Một chút nhé'))).toHaveLength(1);
    const answerAt = texts.findIndex((text) => text.includes('📄 Đăng ký kết hôn'));
    const feeAt = texts.findIndex((text) => text.includes('Lệ phí:') && text.includes('Đăng ký kết hôn') && !text.includes('⏱'));
    expect(answerAt).toBeGreaterThanOrEqual(0);
    // The follow-up was understood on the state the first turn left: it answers about marriage, after it.
    expect(feeAt).toBeGreaterThan(answerAt);
  });

  it('drain() waits for turns in flight, and says whether they finished by the deadline', async () => {
    const store = new MemoryStore();
    const conversation = new Conversation({ storage: { storage: store, kind: 'memory' } });
    slowOnce(store, 300);
    const turn = conversation.say('xin chao');
    await sleep(20);
    expect(conversation.runtime.turns.inFlight).toBe(1);
    expect(await conversation.runtime.turns.drain(50)).toBe(false);
    expect(await conversation.runtime.turns.drain(2000)).toBe(true);
    const replies: Reply[] = await turn;
    expect(flatten(replies)).toContain('Xin chào');
  });
});
