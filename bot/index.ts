import { buildRuntime, createCloudAdapter } from './app';
import { ConfigError, loadDotEnv, readConfig } from './config';
import { KnowledgeLoadError } from './knowledge/knowledgeStore';
import { createLogger } from './logger';
import { createServer } from './server';
import { version } from '../package.json';

/** Composition root: read config, build the parts in order, start the server, stop cleanly. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const runtime = buildRuntime(config, logger);
  const adapter = createCloudAdapter(config, runtime);
  const started = Date.now();
  const server = createServer({
    adapter,
    logic: (context) => runtime.bot.run(context),
    logger,
    health: () => ({
      version,
      knowledge: {
        version: runtime.served.kb.version,
        entries: runtime.served.kb.entries.length,
        loadedAt: runtime.served.kb.loadedAt.toISOString(),
      },
      storage: runtime.storage.kind,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    }),
    readiness: runtime.storage.kind === 'redis' ? [{ name: 'redis', check: () => runtime.storage.ping() }] : [],
  });
  server.listen(config.port, config.host, () => {
    logger.info({ url: server.url, storage: runtime.storage.kind }, 'listening');
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else if (error instanceof KnowledgeLoadError) {
    process.stderr.write(`Knowledge base error: ${error.message}\nRun "npm run kb:check" for details.\n`);
  } else {
    process.stderr.write(`Start failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
  process.exit(1);
});
