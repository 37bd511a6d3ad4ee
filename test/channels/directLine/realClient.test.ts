/*
 * The official client, botframework-directlinejs 0.15.5 (the version Web Chat 4.18.1 bundles), against our
 * server in Node. It needs a global XMLHttpRequest (RxJS 5's Observable.ajax; its README suggests xhr2) and, for
 * streaming, a global WebSocket (the ws package).
 */
import WebSocket from 'ws';
import { waitFor } from '../../helpers/http';
import { type BotServer, startBotServer } from '../../helpers/directLine';

const globals = globalThis as Record<string, unknown>;
globals.XMLHttpRequest = require('xhr2');
globals.WebSocket = WebSocket;
// Loaded after the globals: directlinejs decides at construction whether WebSocket exists.
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs') as typeof import('botframework-directlinejs');

type Activity = { type: string; text?: string; from: { id: string; role?: string }; id?: string };
type Client = InstanceType<typeof DirectLine>;

interface Session {
  client: Client;
  activities: Activity[];
  stop(): void;
}

function connect(options: ConstructorParameters<typeof DirectLine>[0]): Session {
  const client = new DirectLine(options);
  const activities: Activity[] = [];
  const subscription = client.activity$.subscribe((activity) => activities.push(activity as Activity));
  return {
    client,
    activities,
    stop: () => {
      subscription.unsubscribe();
      client.end();
    },
  };
}

/** What a page reads off the client (public in JavaScript, private in its typings). */
function current(client: Client): { conversationId: string; token: string } {
  return client as unknown as { conversationId: string; token: string };
}

function botTexts(activities: Activity[]): string[] {
  return activities.filter((activity) => activity.from.role === 'bot').map((activity) => activity.text ?? '');
}

function send(client: Client, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.postActivity({ type: 'message', text, from: { id: 'r_node', role: 'user' } } as never).subscribe({ next: resolve, error: reject });
  });
}

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('botframework-directlinejs 0.15.5 over %s', (_mode, webSocket) => {
  let app: BotServer;
  beforeAll(async () => {
    app = await startBotServer();
  });
  afterAll(() => app.close());

  it('starts, posts, receives the answer, then reconnects to the stored conversation and carries on', async () => {
    const domain = `${app.base}/v3/directline`;
    const first = connect({ domain, webSocket, pollingInterval: 200 } as never);
    let stored: { conversationId: string; token: string };
    try {
      // The client really took the asked transport (it silently polls when it finds no WebSocket).
      expect((first.client as unknown as { webSocket: boolean }).webSocket).toBe(webSocket);
      expect(await waitFor(() => first.client.connectionStatus$.getValue() === ConnectionStatus.Online, 10_000)).toBe(true);
      expect(await waitFor(() => botTexts(first.activities).length >= 1, 10_000)).toBe(true);
      expect(botTexts(first.activities)[0]).toMatch(/Xin chào/);

      const id = await send(first.client, 'đăng ký kết hôn cần giấy tờ gì');
      expect(id).toMatch(/\|\d{7}$/);
      expect(await waitFor(() => first.activities.some((activity) => activity.id === id), 10_000)).toBe(true); // the echo
      expect(await waitFor(() => botTexts(first.activities).some((text) => /kết hôn/i.test(text)), 10_000)).toBe(true);
      // What a page keeps in sessionStorage: the id and the client's CURRENT token (it swapped the first one).
      stored = { conversationId: current(first.client).conversationId, token: current(first.client).token };
      expect(stored.token).toBeTruthy();
    } finally {
      first.stop();
    }

    const second = connect({ domain, webSocket, pollingInterval: 200, ...stored } as never);
    try {
      expect(await waitFor(() => second.client.connectionStatus$.getValue() === ConnectionStatus.Online, 10_000)).toBe(true);
      expect(current(second.client).conversationId).toBe(stored.conversationId);
      // The history comes back, the user's message first among the user's.
      expect(await waitFor(() => second.activities.length >= first.activities.length, 10_000)).toBe(true);
      expect(second.activities.find((activity) => activity.from.role === 'user')?.text).toBe('đăng ký kết hôn cần giấy tờ gì');
      const before = botTexts(second.activities).length;
      await send(second.client, 'lệ phí bao nhiêu');
      expect(await waitFor(() => botTexts(second.activities).length > before, 10_000)).toBe(true);
      expect(botTexts(second.activities).slice(before).join('\n')).toMatch(/lệ phí|miễn|đồng/i);
    } finally {
      second.stop();
    }
  });
});
