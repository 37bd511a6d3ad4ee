import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface ServerSpec {
  kind: 'bot' | 'echo';
  port: number;
  env: Record<string, string>;
  /** CPUs to pin the server to (taskset -c), e.g. "1". */
  cpus?: string;
  /** Run the TypeScript sources even when dist/ is built. */
  sources?: boolean;
  /** Where the server's log lines go (a file descriptor opened for appending). */
  log: number;
  /** Another checkout whose bot to run (its bin/start.js, or its bot/index.ts through tsx when it has none). */
  root?: string;
}

/**
 * Starts the bot (through bin/start.js with the node flags of `npm start`, as it does) or the bare echo bot, on
 * loopback. The echo bot gets the same node flags (through NODE_OPTIONS, as tsx starts it), so the ratio compares
 * the work of a turn and not the heap settings.
 */
export function startServer(spec: ServerSpec): ChildProcess {
  const { REDIS_URL: _ignored, ...inherited } = process.env;
  const root = spec.root ?? ROOT;
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const command =
    spec.kind === 'echo'
      ? [tsx, join(ROOT, 'bench/load/echoBot.ts')]
      : existsSync(join(root, 'bin/start.js'))
        ? [process.execPath, ...startFlags(root), join(root, 'bin/start.js')]
        : [tsx, join(root, 'bot/index.ts')];
  const [file, ...args] = spec.cpus ? ['taskset', '-c', spec.cpus, ...command] : command;
  return spawn(file, args, {
    cwd: spec.kind === 'echo' ? ROOT : root,
    env: {
      ...inherited,
      PORT: String(spec.port),
      HOST: '127.0.0.1',
      KB_WATCH: 'false',
      LOG_LEVEL: 'info',
      ...(spec.sources ? { THU_TUC_BOT_START: 'sources (--sources)' } : {}),
      ...(spec.kind === 'echo' ? { NODE_OPTIONS: [inherited.NODE_OPTIONS ?? '', ...startFlags(ROOT)].join(' ').trim() } : {}),
      ...spec.env,
    },
    stdio: ['ignore', spec.log, spec.log],
  });
}

/** The node flags of the checkout's `npm start` script (`node --flag... bin/start.js`), so the test runs what it runs. */
function startFlags(root: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts;
  const words = (scripts?.start ?? '').trim().split(/\s+/);
  return words[0] === 'node' ? words.slice(1, words.indexOf('bin/start.js')).filter((word) => word.startsWith('--')) : [];
}

/** The log file of a load test's server (info level, as in production), and a summary of its problems. */
export function openServerLog(): { fd: number; path: string; problems(): string } {
  const path = join(tmpdir(), `thu-tuc-bot-loadtest-${process.pid}.log`);
  const fd = openSync(path, 'w');
  const problems = () => {
    const lines = readFileSync(path, 'utf8').split('\n');
    const count = (level: number) => lines.filter((line) => line.includes(`"level":${level}`)).length;
    return `server log ${path}: ${lines.length - 1} lines, ${count(40)} warn, ${count(50) + count(60)} error`;
  };
  return { fd, path, problems };
}

export async function waitForReady(base: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${base} did not become ready within ${timeoutMs / 1000} s`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds (user + system) used so far by a process and its children (cluster workers, taskset's child). */
export function cpuSeconds(pid: number): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const id of [pid, ...descendants(pid)]) {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone
    }
  }
  return total;
}

function descendants(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === pid) children.push(Number(name), ...descendants(Number(name)));
    } catch {
      // gone
    }
  }
  return children;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
