import { randomUUID } from 'node:crypto';
import { cleanEnv, runScript } from '../helpers/processes';
import { describeWithRedis, TEST_REDIS_URL } from '../helpers/redis';

describe('the terminal chat with piped input', () => {
  it('prints the welcome with its menu buttons, then ---, and exits 0', () => {
    const result = runScript('bot/cli/chat.ts', [], 'xin chào\n', cleanEnv());
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(result.stdout).toContain('Xin chào!');
    expect(lines).toEqual(expect.arrayContaining(['[Hỏi về thủ tục]', '[Tra cứu hồ sơ]', '[Nộp trực tuyến]', '[Gặp cán bộ]']));
    expect(lines[lines.length - 1]).toBe('---');
  });

  it('walks a papers check to a summary naming what is missing and where to apply online', () => {
    const script = ['lam giay khai sinh can nhung gi', 'Kiểm tra giấy tờ của tôi', 'co', 'co roi', 'chua co', 'co roi', ''].join('\n');
    const result = runScript('bot/cli/chat.ts', [], script, cleanEnv());
    expect(result.status).toBe(0);
    const turns = result.stdout.split('\n---\n');
    const summary = turns[turns.length - 2];
    expect(summary).toContain('❌ Còn thiếu:');
    expect(summary).toContain('Giấy chứng sinh');
    expect(summary).toContain('https://dichvucong.gov.vn');
  });
});

describeWithRedis('the terminal chat on Redis', () => {
  it('continues a conversation in a second run given the same --user', () => {
    const env = cleanEnv({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `test-chat-${randomUUID()}:` });
    const user = `citizen-${randomUUID()}`;
    const first = runScript('bot/cli/chat.ts', ['--user', user], 'dang ky tam tru\nKiểm tra giấy tờ của tôi\n', env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Tôi sẽ hỏi vài câu');
    const second = runScript('bot/cli/chat.ts', ['--user', user], 'co\n', env);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('18 tuổi');
  });
});
