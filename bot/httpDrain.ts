import net from 'node:net';
import type restify from 'restify';

/**
 * Stopping the HTTP edge without dropping a request. Node's server.close() stops listening and also closes the
 * kept-alive connections that are idle at that moment, while a client may be writing its next request on one:
 * that request is cut off with no answer. And a kept-alive connection that is busy at that moment stays open
 * after its answer, so the client's next request on it is taken, and cut off when the process exits.
 *
 * Instead, once stopping: no new connection is accepted; a request arriving on a connection already open is
 * answered 503 with `Connection: close` and `Retry-After` (the platform sends it again, to an instance that is
 * up); an answer still being worked on closes its connection when it is sent; idle connections are closed only
 * at the very end, once every request in progress has its answer, and once no request has come for a moment: a
 * client under load reuses its kept-alive connections at once, and one closed under a request it has just sent
 * loses that request (seen under load: undici's "other side closed" on a POST, which it does not retry).
 */

/** Idle connections are closed once no request has come for this long... */
const QUIET_MS = 150;
/** ...or after this much waiting for such a pause, whatever comes. */
const MAX_QUIET_WAIT_MS = 1000;
export interface HttpDrain {
  /** Stops accepting connections; from now on new requests are refused with 503. */
  stop(): void;
  /** Resolves once every request taken before the stop has its answer, or after `deadlineMs`; true when all did. */
  settled(deadlineMs: number): Promise<boolean>;
  /** Closes what is left (idle connections; after `graceMs`, any connection), resolving when they are gone. */
  close(graceMs: number): Promise<void>;
}

export function drainOnStop(server: restify.Server): HttpDrain {
  let stopping = false;
  let lastRequestAt = 0;
  const inProgress = new Set<restify.Response>();
  const idle: Array<() => void> = [];
  const done = (res: restify.Response) => {
    inProgress.delete(res);
    if (inProgress.size === 0) idle.splice(0).forEach((resolve) => resolve());
  };
  server.pre((_req, res, next) => {
    lastRequestAt = Date.now();
    if (stopping) {
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', '1');
      res.json(503, { error: 'this instance is stopping; send the request again' });
      return next(false);
    }
    inProgress.add(res);
    res.once('close', () => done(res));
    return next();
  });
  const listening = new Promise<void>((resolve) => server.server.once('close', () => resolve()));
  return {
    stop: () => {
      if (stopping) return;
      stopping = true;
      // net.Server's close: stop listening, leave the open connections alone (http.Server's would cut idle ones).
      if (server.server.listening) net.Server.prototype.close.call(server.server);
      for (const res of inProgress) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    settled: async (deadlineMs) => {
      if (inProgress.size === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const all = new Promise<boolean>((resolve) => idle.push(() => resolve(true)));
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
      const result = await Promise.race([all, late]);
      clearTimeout(timer);
      return result;
    },
    close: async (graceMs) => {
      const waitUntil = Date.now() + MAX_QUIET_WAIT_MS;
      while (Date.now() - lastRequestAt < QUIET_MS && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 3));
      server.server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const forced = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          server.server.closeAllConnections();
          resolve();
        }, graceMs);
      });
      await Promise.race([listening, forced]);
      clearTimeout(timer);
    },
  };
}
