import { loadDotEnv, readConfig } from '../config';
import { loadKnowledge } from '../knowledge/loadKnowledge';
import { buildGapReport, type GapReport } from '../questions/gapReport';
import { FileQuestionLog } from '../questions/fileQuestionLog';
import { openQuestionLog } from '../questions/openQuestionLog';
import { DAY_MS, type QuestionLog } from '../questions/questionLog';
import { createRedisClient } from '../storage/redisConnection';
import { Understander } from '../understanding/understander';

/**
 * `npm run kb:gaps [-- --days N] [--top N] [--json] [--file PATH] [--kb DIR]`: the staff's to-do list. Reads the
 * question log the bot keeps (the Redis stream with REDIS_URL, else QUESTION_LOG_FILE; --file reads a given file),
 * and prints the most frequent unanswered and "did you mean" questions grouped by similarity, each with the entry
 * the knowledge base now finds closest and its score, then the 👍/👎 counts per entry. Exit 1 when the log or the
 * knowledge base cannot be read, 2 on a bad command line.
 */
interface Options {
  days?: number;
  top: number;
  json: boolean;
  file?: string;
  kb?: string;
}

class UsageError extends Error {}

const USAGE = 'usage: npm run kb:gaps -- [--days N] [--top N] [--json] [--file PATH] [--kb DIR]';

export function readGapOptions(args: readonly string[]): Options {
  const options: Options = { top: 30, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    const count = () => {
      const text = value();
      if (!/^\d+$/.test(text)) throw new UsageError(`${arg} needs a whole number, not "${text}"`);
      return Number(text);
    };
    if (arg === '--days') options.days = count();
    else if (arg === '--top') options.top = count();
    else if (arg === '--json') options.json = true;
    else if (arg === '--file') options.file = value();
    else if (arg === '--kb') options.kb = value();
    else throw new UsageError(`unknown argument ${arg}`);
  }
  return options;
}

export async function runKbGaps(args: readonly string[], env: NodeJS.ProcessEnv, print: (text: string) => void, printError: (text: string) => void): Promise<number> {
  let options: Options;
  try {
    options = readGapOptions(args);
  } catch (error) {
    printError(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = readConfig({ ...env, ...(options.kb ? { KB_DIR: options.kb } : {}) });
  const { kb, problems } = loadKnowledge(config.kbDir);
  if (!kb) {
    printError(`the knowledge base in ${config.kbDir} has errors (${problems.length} problems): run npm run kb:check`);
    return 1;
  }
  const days = options.days ?? config.questionLog.days;
  const redis = !options.file && config.redisUrl ? createRedisClient(config.redisUrl, { lazyConnect: true, connectTimeout: 2000, enableOfflineQueue: true, retryStrategy: () => null }) : null;
  const log: QuestionLog = options.file
    ? new FileQuestionLog(options.file, config.questionLog.days, { prune: false })
    : openQuestionLog(config, redis ? { client: redis } : null, { prune: false });
  try {
    if (redis) await redis.connect();
    const events = await log.read(Date.now() - days * DAY_MS);
    const report = buildGapReport(events, kb, new Understander(kb));
    print(options.json ? JSON.stringify({ source: log.where, days, ...report }, null, 2) : formatReport(report, log.where, days, options.top));
    return 0;
  } catch (error) {
    printError(`cannot read the question log (${log.where}): ${(error as Error).message}`);
    return 1;
  } finally {
    await log.close();
    redis?.disconnect();
  }
}

/** The report as staff read it in a terminal. */
export function formatReport(report: GapReport, source: string, days: number, top: number): string {
  const shown = top > 0 ? report.groups.slice(0, top) : report.groups;
  const lines = [
    `Questions the bot could not answer or was unsure about, last ${days} days (${source}):`,
    `${report.questions} questions in ${report.groups.length} groups${shown.length < report.groups.length ? `; the ${shown.length} most frequent` : ''}.`,
    '',
  ];
  shown.forEach((group, index) => {
    const closest = group.closest ? `${group.closest.id} "${group.closest.title}" (score ${group.closest.score.toFixed(2)})` : 'none';
    lines.push(`${String(index + 1).padStart(3)}. ${group.count}× "${group.question}"  [not answered ${group.unanswered}, did you mean ${group.unsure}]`);
    lines.push(`     closest entry: ${closest}`);
    const others = group.variants.slice(1, 4).map((v) => `"${v.question}"${v.count > 1 ? ` ×${v.count}` : ''}`);
    if (others.length) lines.push(`     also asked as: ${others.join('; ')}${group.variants.length > 4 ? `; and ${group.variants.length - 4} more` : ''}`);
  });
  lines.push('', `👍/👎 per entry, last ${days} days:`);
  if (report.feedback.length === 0) lines.push('  (none)');
  for (const count of report.feedback) lines.push(`  ${count.entryId}${count.title ? ` "${count.title}"` : ' (no longer in the knowledge base)'}: 👍 ${count.up}, 👎 ${count.down}`);
  return lines.join('\n');
}

if (require.main === module) {
  loadDotEnv();
  runKbGaps(process.argv.slice(2), process.env, (text) => process.stdout.write(`${text}\n`), (text) => process.stderr.write(`${text}\n`)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`kb:gaps failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
