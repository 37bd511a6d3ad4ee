import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cleanEnv, freePort, ROOT } from './processes';

/**
 * How long a starting bot may go without using any CPU before it counts as stuck, and the bound of the whole wait.
 * The start is CPU-bound (TypeScript through tsx, the knowledge base, botbuilder): on a machine shared with other
 * jobs it takes several times longer than on a quiet one, so a wall-clock budget alone fails a start that is
 * merely slow. Progress is the child's own CPU time; a start that stops progressing fails fast.
 */
const STALL_MS = 8_000;
const START_BOUND_MS = 90_000;

/** CPU time (user + system, in clock ticks) a process has used; null once it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    // Fields after the command (which may hold spaces) start at ") ": state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

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
  const started = Date.now();
  let lastTicks = -1;
  let progressAt = started;
  let healthy = false;
  let why = `no answer on /healthz within ${START_BOUND_MS} ms`;
  while (!exited && Date.now() - started < START_BOUND_MS) {
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) })).status === 200) {
        healthy = true;
        break;
      }
    } catch {
      // not listening yet
    }
    const ticks = child.pid === undefined ? null : cpuTicks(child.pid);
    if (ticks !== null && ticks !== lastTicks) {
      lastTicks = ticks;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > STALL_MS) {
      why = `no CPU used for ${STALL_MS} ms without answering /healthz (stuck, not slow)`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!healthy || exited) {
    child.kill('SIGKILL');
    await exit;
    throw new Error(`the bot did not start (${exited ? 'it exited' : why}, after ${Date.now() - started} ms):\n${output.slice(-2000)}`);
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
