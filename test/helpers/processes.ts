import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** The environment of a fresh machine: no Redis, no secrets, only what a test sets. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, KB_DIR: _kb, PORT: _port, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

/** Runs a TypeScript entry point to completion with the given standard input. */
export function runScript(script: string, args: string[], input: string, env: NodeJS.ProcessEnv) {
  return spawnSync(TSX, [script, ...args], { cwd: ROOT, input, env, encoding: 'utf8', timeout: 30_000 });
}

/** Starts a TypeScript entry point in the background. */
export function startScript(script: string, env: NodeJS.ProcessEnv) {
  return spawn(TSX, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
