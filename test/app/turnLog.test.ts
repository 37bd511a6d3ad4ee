import { Writable } from 'node:stream';
import { TestAdapter } from 'botbuilder';
import { buildRuntime } from '../../bot/app';
import { readConfig } from '../../bot/config';
import { tagActivity } from '../../bot/correlation';
import { createLogger } from '../../bot/logger';
import { MemoryStore } from '../../bot/storage/memoryStore';
import { FROZEN_KB } from '../helpers/paths';

describe('one log line per turn', () => {
  it('says channel, intent, entry, decision, latency and the correlation id, never the text', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const runtime = buildRuntime(readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false' }), createLogger('info', sink), {
      storage: { storage: new MemoryStore(), kind: 'memory' },
      events: { record: () => undefined },
    });
    const adapter = runtime.attach(new TestAdapter(runtime.logic, { channelId: 'zalo', conversation: { id: 'conversation-42', isGroup: false, conversationType: 'personal', name: '' } }));
    const texts = ['đăng ký khai sinh ở đâu', 'tôi là Nguyễn Văn An, sđt 0912345678, cách nuôi cá koi', 'cảm ơn bạn nhiều nhé'];
    for (const [i, text] of texts.entries()) {
      const activity = { type: 'message', text, id: `m${i}` };
      tagActivity(activity, `request-${i}`);
      await adapter.receiveActivity(activity);
    }
    await runtime.close();
    const turns = lines.filter((line) => line.msg === 'turn');
    expect(turns).toHaveLength(3);
    expect(turns[0]).toMatchObject({ level: 30, reqId: 'request-0', channel: 'zalo', type: 'message', intent: 'entry', entry: 'khai-sinh', decision: 'answer', outcome: 'answered', ms: expect.any(Number), conversation: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(turns[1]).toMatchObject({ reqId: 'request-1', intent: expect.stringMatching(/^(unknown|unsure)$/), decision: expect.stringMatching(/^(none|clarify)$/) });
    expect(turns[2]).toMatchObject({ reqId: 'request-2', intent: expect.any(String), outcome: 'answered' });
    const all = JSON.stringify(lines);
    for (const text of texts) expect(all).not.toContain(text);
    for (const part of ['0912345678', 'Nguyễn', 'nuôi cá', 'conversation-42']) expect(all).not.toContain(part);
  });
});
