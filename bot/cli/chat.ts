import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import pino from 'pino';
import { buildRuntime, Runtime } from '../app';
import { ConsoleAdapter } from '../channels/console/consoleAdapter';
import { ConfigError, loadDotEnv, readConfig } from '../config';

/**
 * The terminal chat: the same bot, dialogs, knowledge and storage as the server, on standard input/output.
 * Piped input: one user message per line, the replies, then a line `---`; exit 0 at the end of input.
 * `--user ID` names the user, so with Redis a later run continues the same conversation.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const runtime = buildRuntime(config, logger, { watch: false });
  for (const check of runtime.readiness) await check.check();
  const adapter = runtime.attach(new ConsoleAdapter(userIdFromArgs(process.argv.slice(2)), (line) => process.stdout.write(`${line}\n`)), { channels: ['console'] });
  try {
    if (process.stdin.isTTY) await interactive(adapter, runtime);
    else await piped(adapter, runtime);
  } finally {
    await runtime.close();
  }
}

async function piped(adapter: ConsoleAdapter, runtime: Runtime): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    await adapter.receive(line, runtime.logic);
    process.stdout.write('---\n');
  }
}

async function interactive(adapter: ConsoleAdapter, runtime: Runtime): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  process.stdout.write('(Thủ tục bot: type a message, Ctrl+D to quit)\n');
  lines.prompt();
  for await (const line of lines) {
    if (line.trim() !== '') await adapter.receive(line, runtime.logic);
    lines.prompt();
  }
}

function userIdFromArgs(args: string[]): string {
  const index = args.indexOf('--user');
  const value = index >= 0 ? args[index + 1] : undefined;
  if (index >= 0 && !value) throw new ConfigError('--user', 'needs a user id after it');
  return value ?? `console-${randomUUID().slice(0, 8)}`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error instanceof Error ? error.stack : error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
