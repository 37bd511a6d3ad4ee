import { buildServer } from './app';
import { ConfigError, loadDotEnv, readConfig } from './config';
import { KnowledgeLoadError } from './knowledge/knowledgeStore';
import { createLogger } from './logger';

/** Composition root: read config, build the parts in order, start the server, stop cleanly. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const { server, runtime } = buildServer(config, logger);
  if (runtime.storage.kind === 'redis') {
    // Without an offline queue, a message arriving before the first connection would fail: wait briefly for it.
    await runtime.storage.ping().catch((error: Error) => logger.warn({ reason: error.message }, 'Redis is not answering yet; /readyz reports it'));
  }
  server.on('error', (error: Error) => {
    logger.fatal({ err: error }, 'the server cannot listen');
    process.exit(1);
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
