import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { readConfig } from '../../bot/config';
import { buildApp, type App } from '../../bot/index';
import { silentLogger } from '../../bot/logger';
import { startCaptureServer, waitFor, type CapturedRequest } from '../helpers/http';
import { FROZEN_KB } from '../helpers/paths';
import { cleanEnv, runScript } from '../helpers/processes';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const TOKEN = 'end-to-end-push-token-0123';
const CODE = '000.17.22.H56-261201-0001';

async function start(env: Record<string, string>): Promise<App & { base: string }> {
  const app = buildApp(readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', ...env }), silentLogger());
  await Promise.all(app.runtime.readiness.map((check) => check.check()));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { ...app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

async function push(app: { base: string }, record: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${app.base}/api/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(record),
  });
  expect(response.status).toBe(200);
}

describeWithRedis('dossier status end to end', () => {
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let prefix: string;
  beforeAll(() => admin.connect());
  beforeEach(() => {
    prefix = randomPrefix();
  });
  afterEach(() => deleteKeysWithPrefix(admin, prefix));
  afterAll(() => admin.quit());

  it('npm run dossiers:import, then the terminal chat prints that dossier\'s status in Vietnamese with the name masked', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dossier-e2e-'));
    try {
      const file = path.join(dir, 'f.csv');
      writeFileSync(file, `code,procedure,status,applicant,receivedAt,dueAt\n${CODE},Đăng ký khai sinh,processing,Nguyễn Văn An,01/12/2026,08/12/2099\n`);
      const env = cleanEnv({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
      const imported = runScript('bot/cli/dossiersImport.ts', [file], '', env);
      expect(imported.stdout).toContain('f.csv: 1 row accepted (1 new, 0 updated, 0 unchanged), 0 rejected');
      expect(imported.status).toBe(0);
      const chat = runScript('bot/cli/chat.ts', [], `cho minh hoi ho so ${CODE} den dau roi\n`, env);
      expect(chat.status).toBe(0);
      expect(chat.stdout).toContain(`Hồ sơ ${CODE}`);
      expect(chat.stdout).toContain('Thủ tục: Đăng ký khai sinh');
      expect(chat.stdout).toContain('Người nộp: Ng***n V** A');
      expect(chat.stdout).toContain('⏳ Hồ sơ đang được giải quyết.');
      expect(chat.stdout).toContain('Hẹn trả kết quả: thứ Ba, 08/12/2099.');
      expect(chat.stdout).not.toContain('Nguyễn Văn An');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two bot instances: a chat follows a dossier on one, a push to the other, one notice through the channel', async () => {
    const connector = await startCaptureServer();
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, DOSSIER_PUSH_TOKEN: TOKEN, DOSSIER_NOTIFY_INTERVAL_MS: '100', DOSSIER_LOOKUP_FLOOR_MS: '0' };
    const a = await start(env);
    const b = await start(env);
    let id = 0;
    const say = async (text: string, value?: unknown) => {
      const activity = {
        type: 'message',
        id: `activity-${++id}`,
        channelId: 'emulator',
        serviceUrl: connector.url,
        from: { id: 'citizen-1', name: 'Citizen' },
        recipient: { id: 'bot', name: 'Thủ tục bot' },
        conversation: { id: 'chat-1' },
        text,
        ...(value ? { value } : {}),
      };
      const response = await fetch(`${a.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(response.status).toBeLessThan(300);
      await waitFor(() => connector.requests.some((r) => r.url.endsWith(`/activity-${id}`)), 5000);
      return connector.requests.filter((r) => r.url.endsWith(`/activity-${id}`));
    };
    const texts = (requests: CapturedRequest[]) => requests.map((r) => String(r.body.text)).join('\n');
    try {
      await push(b, { code: CODE, procedure: 'Đăng ký khai sinh', status: 'processing', applicant: 'Nguyễn Văn An' });
      const status = await say(`ho so ${CODE} den dau roi`);
      expect(texts(status)).toContain('Ng***n V** A');
      const actions = status.flatMap((r) => (r.body.suggestedActions as { actions: { title: string; value: unknown }[] } | undefined)?.actions ?? []);
      const follow = actions.find((action) => action.title.startsWith('Báo cho tôi'));
      expect(follow).toBeDefined();
      expect(texts(await say('Báo cho tôi khi hồ sơ có thay đổi', follow?.value))).toContain(`Đã bật theo dõi hồ sơ ${CODE}`);

      await push(b, { code: CODE, procedure: 'Đăng ký khai sinh', status: 'supplement', missing: ['Giấy chứng sinh'] });
      await push(a, { code: CODE, procedure: 'Đăng ký khai sinh', status: 'supplement', missing: ['Giấy chứng sinh'] });
      // botbuilder's proactive turn has an activity id of its own; the notice is posted to the same conversation.
      const notices = () => connector.requests.filter((r) => r.url.startsWith('/v3/conversations/chat-1/activities') && !/\/activity-\d+$/.test(r.url));
      expect(await waitFor(() => notices().length >= 1, 5000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(notices()).toHaveLength(1);
      expect(String(notices()[0].body.text)).toContain(`🔔 Hồ sơ ${CODE} vừa có thay đổi:`);
      expect(String(notices()[0].body.text)).toContain('• Giấy chứng sinh');

      await push(a, { code: CODE, procedure: 'Đăng ký khai sinh', status: 'ready', pickup: 'Quầy 2' });
      expect(await waitFor(() => notices().length >= 2, 5000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(notices()).toHaveLength(2);
      expect(String(notices()[1].body.text)).toContain('dừng theo dõi');
      expect(await a.runtime.dossiers.watch.codesOf('emulator/chat-1')).toEqual([]);
    } finally {
      await Promise.all([a.stop(1000), b.stop(1000)]);
      await connector.close();
    }
  });
});
