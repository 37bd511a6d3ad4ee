import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { freePort, cleanEnv, ROOT, runScript, startScript } from '../helpers/processes';
import { startCaptureServer, waitFor } from '../helpers/http';

describe('npm start on a fresh machine', () => {
  it('answers GET /healthz with 200 within 10 s, with no Redis and no .env', async () => {
    const port = await freePort();
    const child = startScript('bot/index.ts', cleanEnv({ PORT: String(port) }));
    const started = Date.now();
    try {
      const healthy = await waitFor(async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
        } catch {
          return false;
        }
      }, 10_000, 100);
      expect(healthy).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('stops with one clear line naming the variable when a value is invalid', () => {
    const result = runScript('bot/index.ts', [], '', cleanEnv({ PORT: 'abc' }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT: "abc" is not a whole number');
  });

  it('SIGTERM: stops taking requests, finishes the turn in flight, then exits 0', async () => {
    const port = await freePort();
    const connector = await startCaptureServer({ delayMs: 1500 });
    // As `npm start` runs it (bin/start.js): tsx's wrapper process, under load, SIGKILLs a child that does not
    // confirm a relayed signal within 30 ms, which would cut the turn this test is about.
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/start.js')], { cwd: ROOT, env: cleanEnv({ PORT: String(port), KB_WATCH: 'false' }), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200, 10_000, 100)).toBe(true);
      const activity = {
        type: 'message', id: 'in-flight', channelId: 'emulator', serviceUrl: connector.url, text: 'xin chào',
        from: { id: 'user-1' }, recipient: { id: 'bot' }, conversation: { id: 'stop-test' },
      };
      const inFlight = fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(await waitFor(() => connector.requests.length > 0, 5000, 20)).toBe(true);
      child.kill('SIGTERM');
      const response = await inFlight;
      const answeredAt = Date.now();
      expect(response.status).toBe(200);
      expect(connector.requests[0].body.text).toContain('Xin chào');
      // No new connection is taken any more (a fresh socket, so no kept-alive one is reused).
      const refused = await new Promise((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => socket.destroy() && resolve('connected')).once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
      });
      expect(refused).toBe('ECONNREFUSED');
      const { code, at } = await exited;
      expect(code).toBe(0);
      expect(at).toBeGreaterThanOrEqual(answeredAt - 100);
    } finally {
      child.kill('SIGKILL');
      await connector.close();
    }
  }, 30_000);
});
