import { ChildProcess, spawn } from 'node:child_process';
import { waitFor } from './http';
import { cleanEnv, freePort, ROOT } from './processes';

export interface BotProcess {
  base: string;
  child: ChildProcess;
  /** What the process wrote to stderr and stdout so far. */
  output(): string;
  exited(): boolean;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the exit (at most 15 s, then SIGKILL). */
  stop(): Promise<void>;
}

/**
 * `npm start` as one node process (tsx as a loader rather than its wrapper process, so that a SIGKILL reaches the
 * bot itself), with a free port and the given variables; resolves once /healthz answers.
 */
export async function startBotProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bot/index.ts'], {
    cwd: ROOT,
    env: cleanEnv({ LOG_LEVEL: 'info', KB_WATCH: 'false', ...env, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const base = `http://127.0.0.1:${port}`;
  const healthy = await waitFor(async () => {
    if (exited) return true;
    try {
      return (await fetch(`${base}/healthz`)).status === 200;
    } catch {
      return false;
    }
  }, 20_000, 100);
  if (!healthy || exited) {
    child.kill('SIGKILL');
    throw new Error(`the bot did not start:\n${output.slice(-2000)}`);
  }
  return {
    base,
    child,
    output: () => output,
    exited: () => exited,
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Resident memory of a process, in MB (Linux /proc). */
export async function residentMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
