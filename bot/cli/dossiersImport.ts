import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import pino from 'pino';
import { ConfigError, loadDotEnv, readConfig } from '../config';
import { createDossiers } from '../dossiers/createDossiers';
import { CsvFileError, formatImportReport, importCsv } from '../dossiers/csvImport';
import { createRedisConnection } from '../storage/redisConnection';

/**
 * `npm run dossiers:import -- FILE.csv`: validates every row of a one-stop export and saves the good ones in the
 * registry (Redis), like POST /api/dossiers does; prints one summary line and one line per rejected row.
 * Exit code 0 when every row was saved, 1 when some were rejected (the others are saved), 2 when nothing could be
 * read or saved. Subscribers of a changed dossier are told by the running bot.
 */
export async function runDossierImport(args: readonly string[], print: (line: string) => void): Promise<number> {
  const file = args.find((arg) => !arg.startsWith('-'));
  if (!file) {
    print('usage: npm run dossiers:import -- FILE.csv');
    return 2;
  }
  loadDotEnv();
  const config = readConfig();
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    print(`${file}: cannot read: ${(error as Error).message}`);
    return 2;
  }
  const connection = config.redisUrl ? createRedisConnection(config.redisUrl, logger) : null;
  const dossiers = createDossiers(config.dossiers, { redis: connection?.client ?? null, prefix: config.redisPrefix, logger });
  try {
    if (connection) await connection.ping();
    else print('REDIS_URL is not set: the rows are checked but not kept (the bot reads imports from Redis).');
    const { report, unknownColumns } = await importCsv(text, dossiers.ingest);
    formatImportReport(basename(file), report, unknownColumns).forEach((line) => print(line));
    return report.rejected.length > 0 ? 1 : 0;
  } catch (error) {
    print(error instanceof CsvFileError ? `${file}: ${error.message}` : `${file}: not imported: ${(error as Error).message}`);
    return 2;
  } finally {
    await dossiers.close();
    await connection?.close();
  }
}

if (require.main === module) {
  runDossierImport(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error)}\n`);
      process.exit(2);
    },
  );
}
