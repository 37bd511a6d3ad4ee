import pino from 'pino';

export type Logger = pino.Logger;

/**
 * One structured logger for the process. Personal data never goes to it at info level: callers log ids,
 * intents and entry ids, not what the citizen typed (debug level may carry folded, redacted text).
 */
export function createLogger(level: string, destination: pino.DestinationStream = batchedStdout()): Logger {
  return pino({ level, base: { app: 'thu-tuc-bot', pid: process.pid }, redact: ['req.headers.authorization'] }, destination);
}

/**
 * Standard output, written in batches: one line per turn under load is one write per turn otherwise, a good part
 * of a turn's cost. Lines wait until about 3.5 kB have gathered, or 200 ms, and are written whole, at most 4 kB at
 * a time, so several processes on one pipe (cluster workers) never cut into each other's lines (writes up to
 * PIPE_BUF are atomic). What is waiting is written when the process exits; a SIGKILL loses at most 200 ms.
 */
function batchedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: true, minLength: 3584, maxWrite: 4096, periodicFlush: 200 });
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout already closed: nothing more can be written
    }
  });
  return destination;
}

/** A logger that drops everything, for tests and command-line tools that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
