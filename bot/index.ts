import cluster from 'node:cluster';
import type restify from 'restify';
import { buildRuntime, type Runtime, type RuntimeOptions } from './app';
import { createBotFrameworkChannel } from './channels/botFramework/botFrameworkChannel';
import type { ChannelModule } from './channels/channelModule';
import { createWebChatChannel } from './channels/directLine/createWebChatChannel';
import { createMessengerChannel } from './channels/messenger/messengerChannel';
import { createZaloChannel } from './channels/zalo/zaloChannel';
import { clusterMetricsReady, clusterScrape } from './clusterMetrics';
import { ConfigError, loadDotEnv, readConfig, type Config } from './config';
import { KnowledgeLoadError } from './knowledge/knowledgeStore';
import { createLogger, type Logger } from './logger';
import { BotMetrics, type Scrape } from './metrics';
import { metricsRoute } from './metricsRoute';
import { dossierRoutes } from './dossierRoutes';
import { dossierNoticeSender } from './dossierNotices';
import { drainOnStop } from './httpDrain';
import { createServer } from './server';

/** How long a stop waits for turns in flight before closing anyway. */
export const STOP_DEADLINE_MS = 10_000;

/** The whole instance, built and not yet listening. */
export interface App {
  server: restify.Server;
  runtime: Runtime;
  channels: ChannelModule[];
  /**
   * Stops taking requests (new ones on open connections get 503), lets requests and turns in flight finish (up to
   * the deadline), closes channels, then Redis, then the last connections.
   */
  stop(deadlineMs?: number): Promise<{ finished: boolean }>;
}

export interface AppOptions extends RuntimeOptions {
  /** What GET /metrics answers (default: this instance's registry; a cluster worker's: the whole cluster's). */
  scrape?: () => Promise<Scrape>;
}

/**
 * Composition root: config -> logger -> runtime (one Redis connection -> storage -> knowledge -> dialogs -> bot)
 * -> channel modules -> server. A new channel is one line in `channels` below.
 */
export function buildApp(config: Config, logger: Logger, options: AppOptions = {}): App {
  const runtime = buildRuntime(config, logger, options);
  const metrics = runtime.metrics;
  const channels = [
    createBotFrameworkChannel(runtime),
    createZaloChannel(runtime),
    createMessengerChannel(runtime),
    createWebChatChannel(runtime),
  ].filter((channel): channel is ChannelModule => channel !== null);
  runtime.dossiers.start(dossierNoticeSender(runtime));
  const server = createServer({
    routes: [
      ...channels.flatMap((channel) => channel.routes),
      ...dossierRoutes(runtime.dossiers.push),
      metricsRoute({ token: config.metrics.token, scrape: options.scrape ?? (() => metrics.scrape()), logger }),
    ],
    upgrades: channels.flatMap((channel) => (channel.upgrade ? [channel.upgrade] : [])),
    health: () => ({
      ...runtime.health(),
      channels: Object.fromEntries(channels.map((channel) => [channel.name, channel.health?.() ?? {}])),
    }),
    readiness: runtime.readiness,
    logger,
    onRefused: (route, status, reason) => metrics.rejected(route, status, reason),
  });
  const http = drainOnStop(server);
  const stop = async (deadlineMs = STOP_DEADLINE_MS) => {
    const deadline = Date.now() + deadlineMs;
    http.stop();
    await runtime.dossiers.close();
    // The requests taken before the stop (their turns run inside them), then turns of the queues and notices.
    const answered = await http.settled(deadlineMs);
    const finished = (await runtime.turns.drain(Math.max(0, deadline - Date.now()))) && answered;
    if (!finished) logger.warn({ turns: runtime.turns.inFlight, deadlineMs }, 'stopping with requests or turns still in flight');
    await Promise.all(channels.map((channel) => channel.close().catch((error: Error) => logger.warn({ channel: channel.name, err: error.message }, 'channel did not close cleanly'))));
    await runtime.close();
    await http.close(200);
    return { finished };
  };
  return { server, runtime, channels, stop };
}

/**
 * Runs one instance until it is told to stop: SIGTERM / SIGINT (from the cluster primary too, bot/cluster.ts).
 * Stopping stops taking requests, finishes the requests and turns in flight, then exits 0.
 */
export async function startInstance(config: Config, logger: Logger): Promise<void> {
  const metrics = new BotMetrics();
  // A worker of the Node cluster answers /metrics for all of them (bot/clusterMetrics.ts).
  const app = buildApp(config, logger, { metrics, scrape: cluster.isWorker ? clusterScrape(metrics) : undefined });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, turns: app.runtime.turns.inFlight }, 'stopping: no new requests, finishing turns in flight');
    const { finished } = await app.stop();
    logger.info({ finished }, 'stopped');
    process.exit(0);
  };
  // Before anything is awaited, so that a stop asked for during the start is not lost. `on`, not `once`: a
  // second signal (systemd signals every process of the unit) must not kill a stopping instance.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const ready = app.runtime.readiness.map((check) =>
    // Without an offline queue, a message arriving before the first connection would fail: wait briefly for it.
    check.check().catch((error: Error) => logger.warn({ dependency: check.name, reason: error.message }, 'not answering yet; /readyz reports it')),
  );
  await Promise.all(ready);
  if (stopping) return;
  app.server.on('error', (error: Error) => {
    logger.fatal({ err: error }, 'the server cannot listen');
    process.exit(1);
  });
  app.server.listen(config.port, config.host, () => {
    logger.info({ url: app.server.url, storage: app.runtime.storage.kind }, 'listening');
    if (cluster.isWorker) clusterMetricsReady();
  });
}

/** The one line a failed start prints, by the kind of failure; then the process exits 1. */
export function reportStartFailure(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else if (error instanceof KnowledgeLoadError) {
    process.stderr.write(`Knowledge base error: ${error.message}\nRun "npm run kb:check" for details.\n`);
  } else {
    process.stderr.write(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  await startInstance(config, createLogger(config.logLevel));
}

if (require.main === module) {
  main().catch(reportStartFailure);
}
