import pino from 'pino';

export type Logger = pino.Logger;

/**
 * One structured logger for the process. Personal data never goes to it at info level: callers log ids,
 * intents and entry ids, not what the citizen typed (debug level may carry folded, redacted text).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'thu-tuc-bot', pid: process.pid }, redact: ['req.headers.authorization'] }, destination);
}

/** A logger that drops everything, for tests and command-line tools that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
