import { freePort, cleanEnv, runScript, startScript } from '../helpers/processes';
import { waitFor } from '../helpers/http';

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
});
