import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in Bot Framework connector on loopback: which turns got a reply, and how many replies came. */
export interface Connector {
  url: string;
  readonly replies: number;
  /** TCP connections the server opened to send them (keep-alive reuses one for many replies). */
  readonly connections: number;
  /** Whether a reply to the activity with this id arrived. */
  answered(activityId: string): boolean;
  close(): Promise<void>;
}

/** Replies arrive as POST /v3/conversations/{conversation}/activities/{replyToId}. */
const REPLY_PATH = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/;

export async function startConnector(): Promise<Connector> {
  let replies = 0;
  let connections = 0;
  const answered = new Set<string>();
  const server = http.createServer((req, res) => {
    const match = REPLY_PATH.exec(req.url ?? '');
    if (match) answered.add(decodeURIComponent(match[1]));
    req.resume();
    req.on('end', () => {
      replies += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get replies() {
      return replies;
    },
    get connections() {
      return connections;
    },
    answered: (id) => answered.has(id),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
