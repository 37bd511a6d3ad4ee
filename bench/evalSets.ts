import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openClassifier } from '../bot/cli/classify';
import { evaluate, parseLabelledRows, type EvaluationReport, type Ratio } from '../bot/understanding/evaluate';

/**
 * `npm run eval:sets [-- --kb DIR]`: every labelled set of test/fixtures/eval in one table, dev-more in its two halves
 * (odd lines, even lines) as issue 12 reports it: overall, each style, aspect, none recall, status, the small-talk
 * intents and confident wrong, as right/total. It prints figures and judges nothing (the floors are in
 * test/understanding/devAccuracy.test.ts).
 */

const EVAL = join(__dirname, '..', 'test', 'fixtures', 'eval');
const SETS: { label: string; file: string; half?: 'odd' | 'even' }[] = [
  { label: 'dev', file: 'dev.jsonl' },
  { label: 'dev-more odd', file: 'dev-more.jsonl', half: 'odd' },
  { label: 'dev-more even', file: 'dev-more.jsonl', half: 'even' },
  { label: 'fresh-12', file: 'fresh-12.jsonl' },
  { label: 'fresh-12b', file: 'fresh-12b.jsonl' },
  { label: 'fresh-12c', file: 'fresh-12c.jsonl' },
  { label: 'fresh-12d', file: 'fresh-12d.jsonl' },
  { label: 'fresh-12g odd', file: 'fresh-12g.jsonl', half: 'odd' },
  { label: 'fresh-12g even', file: 'fresh-12g.jsonl', half: 'even' },
  { label: 'fresh-12h odd', file: 'fresh-12h.jsonl', half: 'odd' },
  { label: 'fresh-12h even', file: 'fresh-12h.jsonl', half: 'even' },
  { label: 'fresh-12i odd', file: 'fresh-12i.jsonl', half: 'odd' },
  { label: 'fresh-12i even', file: 'fresh-12i.jsonl', half: 'even' },
  { label: 'fresh-12m odd', file: 'fresh-12m.jsonl', half: 'odd' },
  { label: 'fresh-12m even', file: 'fresh-12m.jsonl', half: 'even' },
  { label: 'fresh-12n odd', file: 'fresh-12n.jsonl', half: 'odd' },
  { label: 'fresh-12n even', file: 'fresh-12n.jsonl', half: 'even' },
  { label: 'fresh-12s odd', file: 'fresh-12s.jsonl', half: 'odd' },
  { label: 'fresh-12s even', file: 'fresh-12s.jsonl', half: 'even' },
  { label: 'fresh-12o odd', file: 'fresh-12o.jsonl', half: 'odd' },
  { label: 'fresh-12o even', file: 'fresh-12o.jsonl', half: 'even' },
  { label: 'fresh-12p odd', file: 'fresh-12p.jsonl', half: 'odd' },
  { label: 'fresh-12p even', file: 'fresh-12p.jsonl', half: 'even' },
  { label: 'fresh-12v odd', file: 'fresh-12v.jsonl', half: 'odd' },
  { label: 'fresh-12v even', file: 'fresh-12v.jsonl', half: 'even' },
  { label: 'english-own', file: 'english-own.jsonl' },
  { label: 'talk-own odd', file: 'talk-own.jsonl', half: 'odd' },
  { label: 'talk-own even', file: 'talk-own.jsonl', half: 'even' },
  { label: 'talk-own-b', file: 'talk-own-b.jsonl' },
  { label: 'long-own', file: 'long-own.jsonl' },
  { label: 'words-own', file: 'words-own.jsonl' },
  { label: 'fresh-12e (blind)', file: 'fresh-12e.jsonl' },
  { label: 'fresh-12f (blind)', file: 'fresh-12f.jsonl' },
];
const STYLES = ['accented', 'unaccented', 'abbrev', 'typo', 'colloquial', 'english'];
const INTENTS = ['status', 'greeting', 'thanks', 'help', 'handoff', 'language'];

function main(args: string[]): number {
  const at = args.indexOf('--kb');
  const kb = resolve(at >= 0 && args[at + 1] ? args[at + 1] : process.env.KB_DIR || 'knowledge');
  const classify = openClassifier(kb, (line) => process.stderr.write(`${line}\n`));
  if (!classify) return 1;
  const columns = ['overall', ...STYLES, 'aspect', 'none', ...INTENTS, 'conf.wrong'];
  const table: string[][] = [['set', ...columns]];
  for (const { label, file, half } of SETS) {
    let text: string;
    try {
      text = readFileSync(join(EVAL, file), 'utf8');
    } catch {
      continue;
    }
    const { rows } = parseLabelledRows(text);
    const kept = half ? rows.filter((row) => row.line % 2 === (half === 'odd' ? 1 : 0)) : rows;
    const report: EvaluationReport = evaluate((q) => classify(q).understanding, kept);
    const cells = [
      ratio(report.overall, true),
      ...STYLES.map((style) => ratio(report.byStyle[style])),
      ratio(report.aspect, true),
      ratio(report.noneRecall, true),
      ...INTENTS.map((intent) => ratio(report.byIntent[intent])),
      ratio(report.confidentWrong, true),
    ];
    table.push([label, ...cells]);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) process.stdout.write(`${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}\n`);
  return 0;
}

function ratio(value: Ratio | undefined, percent = false): string {
  if (!value || value.total === 0) return '-';
  const fraction = `${value.count}/${value.total}`;
  return percent ? `${fraction} ${(value.rate * 100).toFixed(1)}%` : fraction;
}

process.exitCode = main(process.argv.slice(2));
