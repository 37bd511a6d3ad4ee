import { startCaptureServer } from '../helpers/http';
import { guardNetwork, type NetGuard } from '../helpers/netGuard';
import { message, postActivity, startApp, type RunningApp } from './appHarness';

describe('/api/messages without MicrosoftAppId (local development only)', () => {
  let app: RunningApp;
  let guard: NetGuard;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop(1000));
  beforeEach(() => {
    guard = guardNetwork();
  });
  afterEach(() => guard.restore());

  it.each([
    'https://smba.trafficmanager.net/apis/',
    'http://10.1.2.3:8080/',
    'http://[::ffff:a01:203]/',
    'http://0.0.0.0:3978/',
    'http://127.0.0.1.nip.io/',
    'http://localhost.example.com/',
  ])('refuses serviceUrl %s with 401 and opens no connection at all', async (serviceUrl) => {
    const response = await postActivity(app.base, message(serviceUrl, 'xin chào'));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('loopback') });
    await new Promise((resolve) => setTimeout(resolve, 200)); // a reply would be on its way by now
    expect(guard.outside()).toEqual([]);
    // The only connection is the test's own request to the server.
    expect(guard.attempts.every((attempt) => attempt.endsWith(`:${new URL(app.base).port}`))).toBe(true);
  });

  it('answers an Emulator on a loopback serviceUrl (127.0.0.1 or localhost); the guard sees those connections', async () => {
    const connector = await startCaptureServer();
    try {
      const port = new URL(connector.url).port;
      for (const serviceUrl of [connector.url, `http://localhost:${port}`]) {
        const response = await postActivity(app.base, message(serviceUrl, 'xin chào', { conversation: { id: `c-${serviceUrl}` } }));
        expect(response.status).toBe(200);
      }
      expect(connector.requests.length).toBeGreaterThanOrEqual(2);
      expect(guard.attempts.some((attempt) => attempt.endsWith(`:${port}`))).toBe(true);
      expect(guard.outside()).toEqual([]);
    } finally {
      await connector.close();
    }
  });
});

describe('/api/messages validates every activity before a turn runs', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop(1000));

  it.each([
    [{ ...message('http://127.0.0.1:9', 'x'), from: undefined }, '"from" must be an object with an id'],
    [{ ...message('http://127.0.0.1:9', 'x'), conversation: { id: 42 } }, '"conversation.id" must be a non-empty string'],
    [{ ...message('http://127.0.0.1:9', 'x'), type: 'invoke' }, '"type" must be one of'],
    [{ ...message('http://127.0.0.1:9', 'x'), text: { a: 1 } }, '"text" must be a string'],
    [{ ...message('http://127.0.0.1:9', 'x'), serviceUrl: 'ftp://127.0.0.1/' }, '"serviceUrl" must be an http or https URL'],
    [[1, 2, 3], 'the body is not a JSON object'],
  ])('a malformed activity gets 400 with the reason', async (activity, reason) => {
    const response = await postActivity(app.base, activity);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(reason);
  });
});
