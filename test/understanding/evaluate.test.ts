import { evaluate, parseLabelledRows, type LabelledRow } from '../../bot/understanding/evaluate';
import type { Understanding } from '../../bot/understanding/understander';

/** A fake understander: a fixed reading per question. */
function reading(partial: Partial<Understanding>): Understanding {
  return {
    intent: 'none', id: null, decision: 'none', aspect: null, code: null, confidence: 0, candidates: [],
    language: null, target: null, specific: true, ...partial,
  };
}

const READINGS: Record<string, Understanding> = {
  'birth fee': reading({ intent: 'procedure', id: 'khai-sinh', decision: 'answer', aspect: 'fee', confidence: 0.9 }),
  'passport where': reading({ intent: 'procedure', id: 'ket-hon', decision: 'answer', aspect: 'where', confidence: 0.7 }),
  'passport maybe': reading({ intent: 'procedure', id: 'ho-chieu', decision: 'clarify', confidence: 0.4 }),
  'land': reading({ intent: 'procedure', id: 'tach-thua', decision: 'clarify', confidence: 0.5 }),
  'hello': reading({ intent: 'greeting', decision: 'answer', confidence: 1 }),
  'weather': reading({ intent: 'procedure', id: 'khai-tu', decision: 'clarify', confidence: 0.35 }),
  'football': reading({}),
};

const row = (line: number, q: string, rest: Omit<LabelledRow, 'line' | 'q'>): LabelledRow => ({ line, q, ...rest });

const ROWS: LabelledRow[] = [
  row(1, 'birth fee', { intent: 'procedure', expect: 'khai-sinh', aspect: 'fee', style: 'accented' }),
  row(2, 'passport where', { intent: 'procedure', expect: 'ho-chieu', aspect: 'where', style: 'typo' }),
  row(3, 'passport maybe', { intent: 'procedure', expect: 'ho-chieu', style: 'typo' }),
  row(4, 'land', { intent: 'procedure', expect: ['cap-so-do-lan-dau', 'tach-thua'], aspect: 'documents' }),
  row(5, 'hello', { intent: 'greeting', expect: null, style: 'english' }),
  row(6, 'weather', { intent: 'none', expect: null, style: 'accented' }),
  row(7, 'football', { intent: 'none', expect: null, style: 'english' }),
];

describe('evaluate', () => {
  const report = evaluate((q) => READINGS[q], ROWS);

  it('counts a row right when the intent and an acceptable id match', () => {
    expect(report.overall).toEqual({ count: 5, total: 7, rate: 5 / 7 });
    expect(report.misclassified.map(({ line }) => line)).toEqual([2, 6]);
  });

  it('breaks accuracy down by intent, in a fixed intent order, and by style, alphabetically', () => {
    expect(Object.keys(report.byIntent)).toEqual(['procedure', 'greeting', 'none']);
    expect(report.byIntent.procedure).toMatchObject({ count: 3, total: 4 });
    expect(report.byIntent.none).toMatchObject({ count: 1, total: 2 });
    expect(Object.keys(report.byStyle)).toEqual(['accented', 'english', 'typo']);
    expect(report.byStyle.typo).toMatchObject({ count: 1, total: 2 });
  });

  it('measures the aspect over the rows labelled with one', () => {
    expect(report.aspect).toMatchObject({ count: 2, total: 3 });
  });

  it('measures none recall, confident wrong answers and confident answers', () => {
    expect(report.noneRecall).toMatchObject({ count: 1, total: 2 });
    expect(report.confidentWrong).toEqual({ count: 1, total: 4, rate: 0.25 });
    expect(report.confidentAnswer).toMatchObject({ count: 3, total: 5 });
  });

  it('says what was expected and what came out for each misclassified row', () => {
    expect(report.misclassified[0]).toEqual({
      line: 2,
      q: 'passport where',
      style: 'typo',
      expected: { intent: 'procedure', expect: 'ho-chieu', aspect: 'where' },
      got: { intent: 'procedure', id: 'ket-hon', decision: 'answer', aspect: 'where', confidence: 0.7, candidates: [] },
    });
  });

  it('wants a null id for intents other than procedure', () => {
    const odd = evaluate(() => reading({ intent: 'greeting', id: 'khai-sinh' }), [row(1, 'hi', { intent: 'greeting', expect: null })]);
    expect(odd.overall.count).toBe(0);
  });

  it('reports zero rates, not NaN, for empty input', () => {
    expect(evaluate(() => reading({}), []).overall).toEqual({ count: 0, total: 0, rate: 0 });
  });
});

describe('parseLabelledRows', () => {
  it('reads rows with their line numbers, skipping blank lines and a byte-order mark', () => {
    const text = '\uFEFF{"q": "a", "intent": "none", "expect": null}\n\n{"q": "b", "intent": "procedure", "expect": ["x", "y"], "aspect": "fee", "style": "typo"}\r\n';
    expect(parseLabelledRows(text)).toEqual({
      rows: [
        { line: 1, q: 'a', intent: 'none', expect: null },
        { line: 3, q: 'b', intent: 'procedure', expect: ['x', 'y'], aspect: 'fee', style: 'typo' },
      ],
      errors: [],
    });
  });

  it.each([
    ['{"q": "a", "intent": "none", "expect": null', 'line 1: not valid JSON'],
    ['["q"]', 'line 1: expected a JSON object'],
    ['{"intent": "none", "expect": null}', 'line 1: "q" must be a non-empty string'],
    ['{"q": "a", "intent": "weather", "expect": null}', 'line 1: "intent" must be one of procedure, status'],
    ['{"q": "a", "intent": "procedure", "expect": null}', 'line 1: "expect" must be an entry id or a non-empty list'],
    ['{"q": "a", "intent": "procedure", "expect": []}', 'line 1: "expect" must be an entry id or a non-empty list'],
    ['{"q": "a", "intent": "help", "expect": "khai-sinh"}', 'line 1: "expect" must be null for intent help'],
    ['{"q": "a", "intent": "procedure", "expect": "x", "aspect": "price"}', 'line 1: "aspect" must be one of documents'],
    ['{"q": "a", "intent": "none", "expect": null, "style": 3}', 'line 1: "style" must be a non-empty string'],
  ])('reports %s as %j', (line, message) => {
    const { rows, errors } = parseLabelledRows(line);
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(message)).toBe(true);
  });

  it('keeps the good rows and reports every bad one with its line', () => {
    const text = ['{"q": "a", "intent": "none", "expect": null}', 'oops', '{"q": "", "intent": "none", "expect": null}'].join('\n');
    const { rows, errors } = parseLabelledRows(text);
    expect(rows).toHaveLength(1);
    expect(errors.map((error) => error.slice(0, 7))).toEqual(['line 2:', 'line 3:']);
  });
});
