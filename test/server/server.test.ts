import type { AddressInfo } from 'node:net';
import { readConfig } from '../../bot/config';
import { buildApp, type App } from '../../bot/index';
import { silentLogger } from '../../bot/logger';
import { startCaptureServer, waitFor } from '../helpers/http';
import { FROZEN_KB } from '../helpers/paths';

const KB_DIR = FROZEN_KB;

async function start(env: Record<string, string> = {}): Promise<App & { base: string }> {
  const config = readConfig({ KB_DIR, KB_WATCH: 'false', ...env });
  const app = buildApp(config, silentLogger());
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { ...app, base: `http://127.0.0.1:${port}` };
}

async function stop(app: App): Promise<void> {
  await app.stop(1000);
}

describe('HTTP routes', () => {
  let app: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(() => stop(app));

  it('GET /healthz answers 200 with the version, the knowledge base and the storage kind', async () => {
    const response = await fetch(`${app.base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      knowledge: { version: expect.stringMatching(/^[0-9a-f]{12}$/), entries: 46, loadedAt: expect.any(String), reloadError: null },
      storage: 'memory',
      uptimeSeconds: expect.any(Number),
    });
  });

  it('GET /readyz answers 200 when nothing configured is down', async () => {
    const response = await fetch(`${app.base}/readyz`);
    expect(response.status).toBe(200);
  });

  it('a Bot Framework message gets its reply POSTed to {serviceUrl}/v3/conversations/{id}/activities/{replyToId}', async () => {
    const connector = await startCaptureServer();
    try {
      const activity = {
        type: 'message',
        id: 'activity-1',
        channelId: 'emulator',
        serviceUrl: connector.url,
        from: { id: 'user-1', name: 'Citizen' },
        recipient: { id: 'bot', name: 'Thủ tục bot' },
        conversation: { id: 'conversation-1' },
        text: 'xin chào',
        locale: 'vi-VN',
      };
      const response = await fetch(`${app.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBeLessThan(300);
      await waitFor(() => connector.requests.some((request) => String(request.body.text).includes('Xin chào')), 5000);
      const replies = connector.requests.filter((request) => request.url === '/v3/conversations/conversation-1/activities/activity-1');
      expect(replies.length).toBeGreaterThanOrEqual(1);
      expect(replies.map((request) => request.body.text).join('\n')).toContain('Xin chào');
      expect(replies.every((request) => request.method === 'POST')).toBe(true);
    } finally {
      await connector.close();
    }
  });

  it('a malformed body is refused with 400, and the server keeps serving', async () => {
    const response = await fetch(`${app.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", ',
    });
    expect(response.status).toBe(400);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });
});

describe('GET /readyz with Redis configured but down', () => {
  it('answers 503 and names the dependency', async () => {
    const app = await start({ REDIS_URL: 'redis://127.0.0.1:6390' });
    try {
      const response = await fetch(`${app.base}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { failures: { name: string; reason: string }[] };
      expect(body.failures).toEqual([{ name: 'redis', reason: expect.any(String) }]);
      expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
    } finally {
      await stop(app);
    }
  });
});
