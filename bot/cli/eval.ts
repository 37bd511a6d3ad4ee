import { readFileSync } from 'node:fs';
import { evaluate, parseLabelledRows, type EvaluationReport, type Misclassified, type Ratio } from '../understanding/evaluate';
import { knowledgeDir, openClassifier, readOptions, runMain, UsageError } from './classify';

/**
 * `npm run eval -- FILE [--kb DIR] [--json] [--lines odd|even]`: measures what the bot does with labelled questions (as classify
 * reads them) for a knowledge folder, against the labelled (the format of shared/eval/dev.jsonl) and prints the report, readable or as JSON. `--lines odd|even` keeps the rows on odd or even lines of the file
 * only: the two halves of a set, one to tune on and one to report. It measures and does
 * not judge: exit 0 whatever the figures; 1 only when the file or the knowledge base cannot be read.
 */

const USAGE = 'usage: npm run eval -- FILE [--kb DIR] [--json] [--lines odd|even]';

async function main(args: readonly string[]): Promise<number> {
  const { half, rest } = readHalf(args);
  const options = readOptions(rest, ['--json']);
  if (options.positional.length !== 1) throw new UsageError('give one file of labelled questions');
  const printError = (line: string) => process.stderr.write(`${line}\n`);
  const parsed = parseLabelledRows(readFileSync(options.positional[0], 'utf8'));
  const { errors } = parsed;
  const rows = half ? parsed.rows.filter((row) => row.line % 2 === (half === 'odd' ? 1 : 0)) : parsed.rows;
  errors.forEach((error) => printError(`${options.positional[0]}: ${error}`));
  if (errors.length) return 1;
  const classify = openClassifier(knowledgeDir(options, process.env), printError, process.env);
  if (!classify) return 1;
  // What the bot does with each question, read as the first message of a chat, the way `classify` reports it.
  const report = evaluate((q) => classify(q).understanding, rows);
  const text = options.flags.has('--json') ? JSON.stringify(report, null, 2) : formatReport(report).join('\n');
  process.stdout.write(`${text}\n`);
  return 0;
}

/** `--lines odd|even` taken out of the arguments. */
export function readHalf(args: readonly string[]): { half: 'odd' | 'even' | null; rest: string[] } {
  const at = args.indexOf('--lines');
  if (at < 0) return { half: null, rest: [...args] };
  const half = args[at + 1];
  if (half !== 'odd' && half !== 'even') throw new UsageError('--lines takes odd or even');
  return { half, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

/** The report as lines of text: the figures first, then one compact line per misclassified question. */
export function formatReport(report: EvaluationReport): string[] {
  return [
    figure('overall', report.overall),
    'by intent',
    ...Object.entries(report.byIntent).map(([intent, ratio]) => figure(`  ${intent}`, ratio)),
    'by style',
    ...Object.entries(report.byStyle).map(([style, ratio]) => figure(`  ${style}`, ratio)),
    figure('aspect', report.aspect, 'aspect right, over questions labelled with one'),
    figure('none recall', report.noneRecall, 'out-of-scope questions recognised as none'),
    figure('confident wrong', report.confidentWrong, 'procedure questions answered confidently with a wrong entry'),
    figure('confident answer', report.confidentAnswer, 'in-scope questions answered without asking'),
    `misclassified: ${report.misclassified.length}`,
    ...report.misclassified.map(formatMisclassified),
  ];
}

function figure(label: string, { count, total, rate }: Ratio, note?: string): string {
  const percent = total === 0 ? '     -' : `${(rate * 100).toFixed(1).padStart(5)}%`;
  const line = `${label.padEnd(18)} ${percent}  ${count}/${total}`;
  return note ? `${line.padEnd(38)} ${note}` : line;
}

/** `L12 [typo] "question" want procedure khai-sinh (fee) | got procedure ket-hon answer 0.71 fee | ket-hon .71, ...` */
function formatMisclassified({ line, q, style, expected, got }: Misclassified): string {
  const expect = Array.isArray(expected.expect) ? expected.expect.join('|') : expected.expect;
  const want = [expected.intent, expect, expected.aspect && `(${expected.aspect})`].filter(Boolean).join(' ');
  const reading = [got.intent, got.id, got.decision, got.confidence.toFixed(2), got.aspect && `(${got.aspect})`].filter(Boolean).join(' ');
  const candidates = got.candidates.map(({ id, score }) => `${id} ${score.toFixed(2)}`).join(', ');
  return `  L${line} [${style ?? '-'}] ${JSON.stringify(q)} want ${want} | got ${reading}${candidates ? ` | ${candidates}` : ''}`;
}

if (require.main === module) runMain(() => main(process.argv.slice(2)), USAGE);
