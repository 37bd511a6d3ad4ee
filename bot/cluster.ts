import cluster, { type Worker } from 'node:cluster';
import { DirectLineTokens } from './channels/directLine/tokens';
import { ClusterMetricsPrimary } from './clusterMetrics';
import { loadDotEnv, readConfig, type Config } from './config';
import { reportStartFailure, startInstance, STOP_DEADLINE_MS } from './index';
import { createLogger, type Logger } from './logger';

/** A worker that dies sooner than this after starting counts as a crash loop: restarts then slow down. */
const QUICK_DEATH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The production entry (`npm start`, through bin/start.js): one instance per worker of Node's cluster, all on
 * the same port (the primary hands connections out in turn), each a full instance with its own Redis connection,
 * so they behave as separate instances behind a load balancer. With WORKERS=1 the instance runs in this process.
 */
export async function startProcesses(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (cluster.isWorker || config.workers <= 1) {
    if (cluster.isPrimary) logger.info({ code: codeKind(), workers: 1 }, 'starting');
    await startInstance(config, logger);
    return;
  }
  runPrimary(config, logger);
}

/**
 * Starts one worker, and the others once it listens (a broken start is then reported once, not once per core).
 * A worker that dies is replaced, after a delay that grows while they keep dying young. SIGTERM / SIGINT are
 * passed on to every worker (each stops gracefully), and the primary exits when they all have.
 */
function runPrimary(config: Config, logger: Logger): void {
  logger.info({ code: codeKind(), workers: config.workers }, 'starting');
  shareWebChatSecret(config, logger);
  // Sums the workers' metrics for whichever of them is asked for GET /metrics.
  const metrics = new ClusterMetricsPrimary();
  let stopping = false;
  let listened = false;
  let restartDelay = 0;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(), Date.now());
  cluster.on('listening', (worker) => {
    if (!listened) {
      listened = true;
      for (let i = 1; i < config.workers; i++) fork();
    }
    logger.debug({ worker: worker.id, pid: worker.process.pid }, 'worker listening');
  });
  cluster.on('exit', (worker, code, signal) => {
    const age = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    if (!listened) process.exit(code || 1); // the first worker could not start: it printed why
    restartDelay = age < QUICK_DEATH_MS ? Math.min(Math.max(restartDelay * 2, 1000), MAX_RESTART_DELAY_MS) : 0;
    logger.error({ worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: restartDelay }, 'worker died; starting another');
    metrics.workerReplaced();
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelay);
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: started.size }, 'stopping every worker');
    if (started.size === 0) process.exit(0);
    // A signal, not an IPC message: a worker still loading its code has no listener yet and would lose a message
    // (then run on until killed below); a signal stops it there and then, before it listens.
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ workers: started.size }, 'workers did not stop in time; killing them');
      for (const worker of started.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_DEADLINE_MS + 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  fork();
}

/**
 * Web chat tokens must verify on every worker, and a worker picks a random secret when none is configured: the
 * primary picks one for all of them instead (workers inherit its environment).
 */
function shareWebChatSecret(config: Config, logger: Logger): void {
  if (config.webChat.directLineSecret) return;
  process.env.DIRECTLINE_SECRET = DirectLineTokens.randomSecret();
  logger.warn('webchat: no DIRECTLINE_SECRET; the workers share a random one, which instances on other machines will refuse');
}

/** Which code runs, as bin/start.js chose it: compiled JavaScript or the TypeScript sources. */
function codeKind(): string {
  return process.env.THU_TUC_BOT_START ?? (__filename.endsWith('.js') ? 'compiled' : 'sources');
}

export { reportStartFailure };

if (require.main === module) {
  startProcesses().catch(reportStartFailure);
}
