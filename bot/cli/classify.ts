import { once } from 'node:events';
import { join, relative, resolve } from 'node:path';
import readline from 'node:readline';
import { standingAction } from '../../dialogs/actions';
import { describeIntent, readMessage, understandingOf } from '../../dialogs/readMessage';
import { codePatterns, ConfigError } from '../config';
import { DossierCodeReader } from '../dossiers/dossierCode';
import { createI18n } from '../i18n';
import { loadKnowledge } from '../knowledge/loadKnowledge';
import { formatProblem } from '../knowledge/problem';
import { parseJsonObject } from '../understanding/evaluate';
import { Understander, type Understanding } from '../understanding/understander';

/**
 * `npm run --silent classify [-- --kb DIR] < questions.jsonl`: what the bot does with each question, one JSON line
 * out per line in, in order, so staff can try a batch of questions before publishing a knowledge change;
 * `npm run --silent classify -- "một câu hỏi" ["another"...]` tries the questions given as arguments instead. Each line is
 * read as the first message of a new chat, the way the chat reads it (commands, typed button titles, yes/no words,
 * then the understanding): "menu" is reported as the menu it shows. It streams (a line is written as soon as it is
 * classified), so a file of thousands of questions can be piped through. Standard output carries only the JSON
 * lines; problems go to standard error.
 */

/** What the bot does with one message: as an Understanding, and the route in a few words ("entry", "menu:ask"). */
export interface Classified {
  understanding: Understanding;
  action: string;
}

export type Classify = (q: string) => Classified;

/** A command line the tool cannot run with: the message and the usage, then exit code 2. */
export class UsageError extends Error {}

export interface Options {
  /** `--kb DIR`. */
  kb?: string;
  /** The other `--flags` given, among those the tool accepts. */
  flags: Set<string>;
  positional: string[];
}

/** Reads `--kb DIR`, the accepted flags and positional arguments; anything else is a UsageError. */
export function readOptions(args: readonly string[], accepted: readonly string[] = []): Options {
  const options: Options = { flags: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--kb') {
      const dir = args[++i];
      if (dir === undefined || dir.startsWith('--')) throw new UsageError('--kb needs a folder after it');
      options.kb = dir;
    } else if (accepted.includes(arg)) options.flags.add(arg);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.positional.push(arg);
  }
  return options;
}

/** The knowledge folder: `--kb DIR`, else KB_DIR, else `knowledge` (as the bot and kb:check resolve it). */
export function knowledgeDir(options: Options, env: NodeJS.ProcessEnv): string {
  return resolve(options.kb ?? (env.KB_DIR || 'knowledge'));
}

/**
 * Loads the folder and builds the understander the way the bot does, and reads each message as the first message
 * of a new chat. Every problem (errors and warnings) goes to `printError`, with its path from the working
 * directory; null when the base has errors and cannot be served.
 */
export function openClassifier(dir: string, printError: (line: string) => void, env: NodeJS.ProcessEnv = {}): Classify | null {
  let patterns: string[];
  try {
    // The local code shapes the bot would read (DOSSIER_CODE_PATTERNS), so a code in one is a status question here too.
    patterns = codePatterns(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    printError(error.message);
    return null;
  }
  const { kb, problems } = loadKnowledge(dir);
  for (const problem of problems) printError(formatProblem(problem, relative(process.cwd(), join(dir, problem.file)) || '.'));
  if (!kb) return null;
  const understander = new Understander(kb, undefined, new DossierCodeReader(patterns));
  const { t } = createI18n();
  return (q) => {
    const normalized = understander.normalize(q);
    const standing = standingAction(normalized.folded, t);
    const reading = readMessage({ understander, kb, normalized, text: q, standing, wantsChecklist: false, busy: false }, true);
    return { understanding: understandingOf(reading), action: describeIntent(reading.intent) };
  };
}

/** The output line for one input line (1-based `line`): the bot's reading, or an error that names the line. */
export function classifyLine(text: string, line: number, classify: Classify): string {
  const json = line === 1 ? text.replace(/^\uFEFF/, '') : text;
  const value = json.trim() === '' ? 'empty line' : parseJsonObject(json);
  if (typeof value === 'string') return errorLine(line, value);
  const { q } = value;
  if (typeof q !== 'string') return errorLine(line, '"q" must be a string');
  return classifyQuestion(q, line, classify);
}

/** The output line for one question (`line`: where it came from, for the error a broken question gets). */
export function classifyQuestion(q: string, line: number, classify: Classify): string {
  let result: Classified;
  try {
    result = classify(q);
  } catch (error) {
    // One question that breaks the understander must not cost the rest of a long batch.
    return errorLine(line, `could not classify (${error instanceof Error ? error.message : String(error)})`);
  }
  return JSON.stringify(toOutput(q, result));
}

/** Exactly the documented keys, in the documented order. */
function toOutput(q: string, { understanding: result, action }: Classified): Record<string, unknown> {
  return {
    q,
    intent: result.intent,
    id: result.id,
    decision: result.decision,
    aspect: result.aspect ?? null,
    code: result.code ?? null,
    confidence: result.confidence,
    candidates: result.candidates.map(({ id, score }) => ({ id, score })),
    action,
  };
}

function errorLine(line: number, message: string): string {
  return JSON.stringify({ q: null, error: `line ${line}: ${message}` });
}

/** Classifies every line of `input` as it arrives, writing each result before reading on. */
export async function classifyStream(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  classify: Classify,
): Promise<void> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    // Respect back-pressure so a slow reader (a pager, a pipe) does not make us buffer the whole file.
    if (!output.write(`${classifyLine(text, line, classify)}\n`)) await once(output, 'drain');
  }
}

const USAGE = 'usage: npm run --silent classify -- [--kb DIR] < questions.jsonl\n       npm run --silent classify -- [--kb DIR] "question" ["question"...]';

async function main(args: readonly string[]): Promise<number> {
  const options = readOptions(args);
  const questions = options.positional.filter((q) => q.trim() !== '');
  if (questions.length < options.positional.length) throw new UsageError('an empty question was given');
  const printError = (line: string) => process.stderr.write(`${line}\n`);
  const classify = openClassifier(knowledgeDir(options, process.env), printError, process.env);
  if (!classify) return 1;
  // `... | head` closes the pipe early: that is the reader being done, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  if (questions.length) {
    questions.forEach((q, index) => process.stdout.write(`${classifyQuestion(q, index + 1, classify)}\n`));
    return 0;
  }
  await classifyStream(process.stdin, process.stdout, classify);
  return 0;
}

/** Runs a CLI's main: its exit code, or 2 with the usage for a UsageError, or 1 with the stack for a crash. */
export function runMain(main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const isUsage = error instanceof UsageError;
      const message = isUsage ? `${error.message}\n${usage}` : String(error instanceof Error ? error.stack : error);
      process.stderr.write(`${message}\n`);
      process.exitCode = isUsage ? 2 : 1;
    },
  );
}

if (require.main === module) runMain(() => main(process.argv.slice(2)), USAGE);
