import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openClassifier } from '../../bot/cli/classify';
import { evaluate, parseLabelledRows, type EvaluationReport } from '../../bot/understanding/evaluate';
import { FROZEN_KB } from '../helpers/paths';

/** Floors as counts: at least `min` right of the labelled rows (confident wrong: at most `max`). */
interface Floors {
  overall: number;
  aspect: number;
  noneRecall: number;
  maxConfidentWrong: number;
  byStyle: Record<string, number>;
}

/**
 * The level reached on 2026-12-02 (issue 12), less a little slack (about one question in a hundred); raise them when
 * it improves. Measured with what the bot does with each question as the first message of a chat (npm run eval;
 * npm run eval:sets prints them all). dev.jsonl and dev-more.jsonl are the shared labelled sets; fresh-12.jsonl,
 * fresh-12b.jsonl, fresh-12c.jsonl and fresh-12d.jsonl hold questions written for issue 12 of each kind that failed
 * (long stories, English in everyday words, teencode, small talk in a sentence, uncovered topics, status questions),
 * not taken from the eval sets: 12b was written after the first tuning, 12c before the second (its failures then
 * guided which mechanisms were fixed, so it is partly tuned), 12d after it (tuned on from the Vietnamese round). 12g
 * holds Vietnamese of the kinds still weak after it, written before the Vietnamese round and tuned on its odd lines
 * (its even lines are reported apart by eval:sets). 12h holds English only,
 * written before the English round and tuned on its odd lines (its even lines are reported apart by eval:sets). 12i
 * holds teencode, abbreviations and out-of-scope look-alikes, written before the abbreviation round and tuned on its odd
 * lines the same way.
 */
const SETS: Record<string, Floors> = {
  // measured 158/161, aspect 62/67, none 18/18, confident wrong 0/114
  'dev.jsonl': {
    overall: 156, aspect: 61, noneRecall: 17, maxConfidentWrong: 2,
    byStyle: { abbrev: 25, accented: 45, colloquial: 18, english: 18, typo: 17, unaccented: 29 }, // measured 26, 46, 19, 19, 18, 30
  },
  // measured 233/235, aspect 95/100, none 38/38, confident wrong 0/109
  'dev-more.jsonl': {
    overall: 230, aspect: 93, noneRecall: 37, maxConfidentWrong: 2,
    byStyle: { abbrev: 34, accented: 46, colloquial: 37, english: 47, typo: 24, unaccented: 39 }, // measured 35, 47, 38, 48, 25, 40
  },
  // measured 147/151, aspect 92/95, none 16/17, confident wrong 0/99
  'fresh-12.jsonl': {
    overall: 145, aspect: 90, noneRecall: 15, maxConfidentWrong: 2,
    byStyle: { abbrev: 18, accented: 43, colloquial: 20, english: 37, typo: 7, unaccented: 16 }, // measured 19, 44, 21, 38, 8, 17
  },
  // measured 117/119, aspect 65/70, none 18/18, confident wrong 1/77
  'fresh-12b.jsonl': {
    overall: 116, aspect: 64, noneRecall: 17, maxConfidentWrong: 2,
    byStyle: { abbrev: 12, accented: 37, colloquial: 13, english: 30, typo: 5, unaccented: 14 }, // measured 13, 38, 14, 31, 6, 15
  },
  // measured 241/247, aspect 139/142, none 38/38, confident wrong 0/168
  'fresh-12c.jsonl': {
    overall: 239, aspect: 137, noneRecall: 37, maxConfidentWrong: 2,
    byStyle: { abbrev: 32, accented: 38, colloquial: 47, english: 62, typo: 24, unaccented: 32 }, // measured 33, 39, 48, 63, 25, 33
  },
  // measured 85/85, aspect 47/47, none 10/10, confident wrong 0/59
  'fresh-12d.jsonl': {
    overall: 84, aspect: 46, noneRecall: 9, maxConfidentWrong: 1,
    byStyle: { abbrev: 10, accented: 10, colloquial: 17, english: 27, typo: 5, unaccented: 10 }, // measured 11, 11, 18, 28, 6, 11
  },
  // measured 86/89, aspect 44/45, none 15/17, confident wrong 0/60 (Vietnamese: stories naming another procedure,
  // openers, typos that make real syllables, uncovered look-alikes, status naming a procedure; odd lines tuned on)
  'fresh-12g.jsonl': {
    overall: 85, aspect: 43, noneRecall: 14, maxConfidentWrong: 1,
    byStyle: { abbrev: 1, accented: 14, colloquial: 50, typo: 15, unaccented: 1 }, // measured 2, 15, 51, 16, 2
  },
  // measured 81/84, aspect 47/50, none 12/13, confident wrong 0/57 (all English; even half 40/42, untuned 30/42 before)
  'fresh-12h.jsonl': {
    overall: 80, aspect: 46, noneRecall: 11, maxConfidentWrong: 1,
    byStyle: { english: 80 }, // measured 81
  },
  // measured 95/97, aspect 54/55, none 35/36, confident wrong 0/61 (teencode, abbreviations, out-of-scope look-alikes)
  'fresh-12i.jsonl': {
    overall: 94, aspect: 53, noneRecall: 34, maxConfidentWrong: 1,
    byStyle: { abbrev: 76, accented: 12, unaccented: 3 }, // measured 77, 13, 4
  },
  // measured 100/105, aspect 73/78, none 14/15, confident wrong 0/79 (long story-like messages as citizens post them on
  // forums: background naming other procedures, then the question; English, uncovered look-alikes, status, thanks and
  // greetings told as stories; written and labelled before measuring: 90/105, odd 46/53, even 44/52; odd lines tuned on)
  'fresh-12n.jsonl': {
    overall: 99, aspect: 72, noneRecall: 13, maxConfidentWrong: 1,
    byStyle: { abbrev: 3, accented: 32, colloquial: 25, english: 22, typo: 3, unaccented: 9 }, // measured 4, 33, 26, 23, 4, 10
  },
  // measured 50/60, aspect 36/40, none 8/9, confident wrong 4/43 (a second set of the same kind, written after the first
  // round: before it 47/60, odd 25/30, even 22/30 with confident wrong 4/21; odd lines tuned on, even still weak)
  'fresh-12s.jsonl': {
    overall: 49, aspect: 35, noneRecall: 7, maxConfidentWrong: 5,
    byStyle: { abbrev: 1, accented: 15, colloquial: 11, english: 16, unaccented: 2 }, // measured 2, 16, 12, 17, 3
  },
  // measured 115/118, aspect 46/46, none 40/42, confident wrong 0/55 (Vietnamese: uncovered look-alikes and chit-chat
  // in every style, long colloquial stories, small talk and stories that mention contacting someone; written and
  // labelled before measuring: odd 54/59, even 56/59; odd lines tuned on to 59/59, even held out 56/59)
  'fresh-12m.jsonl': {
    overall: 114, aspect: 45, noneRecall: 39, maxConfidentWrong: 1,
    byStyle: { abbrev: 9, accented: 35, colloquial: 44, typo: 3, unaccented: 19 }, // measured 10, 36, 45, 4, 20
  },
  // measured 264/277, aspect 161/169, none 39/40, confident wrong 3/237 (all English, everyday words: one or more
  // questions per entry, aspects from English question words, uncovered look-alikes, translation requests; written
  // for the English round of issue 12 (not taken from any eval set) and tuned on, so a regression guard only)
  'english-own.jsonl': {
    overall: 261, aspect: 159, noneRecall: 38, maxConfidentWrong: 4,
    byStyle: { english: 261 }, // measured 264
  },
  // measured 58/60, aspect 52/52, none 6/7, confident wrong 0/53 (56/60, 51/52, 6/7, 1/53 when written): long
  // story-like messages (2-6 sentences, a situation told, then the question) written for this round before the
  // knowledge base was read closely; tuned on since, a regression guard.
  'long-own.jsonl': {
    overall: 56, aspect: 50, noneRecall: 5, maxConfidentWrong: 1,
    byStyle: { accented: 21, colloquial: 12, english: 9, unaccented: 12 }, // measured 22, 13, 10, 13
  },
  // measured 152/160, aspect 81/87, none 23/24, confident wrong 2/103. 12e and 12f were written by a writer who read
  // no alias, lexicon or understanding code, kept outside the repository and measured before (b3fe287: 12e 145/160,
  // 12f 102/120) and after the round (e1b79af); nobody tuning saw them. Added afterwards as floors.
  'fresh-12e.jsonl': {
    overall: 150, aspect: 79, noneRecall: 22, maxConfidentWrong: 3,
    byStyle: { abbrev: 25, accented: 29, colloquial: 23, english: 26, typo: 18, unaccented: 25 }, // measured 26, 30, 24, 27, 19, 26
  },
  // measured 111/120, aspect 60/66, none 15/18, confident wrong 1/77 (the final blind set: English 15/21 is the gap)
  'fresh-12f.jsonl': {
    overall: 109, aspect: 58, noneRecall: 14, maxConfidentWrong: 2,
    byStyle: { abbrev: 18, accented: 19, colloquial: 19, english: 14, typo: 17, unaccented: 18 }, // measured 19, 20, 20, 15, 18, 19
  },
};

const EVAL = join(__dirname, '..', 'fixtures', 'eval');

/** A regression guard on the labelled questions: the frozen knowledge base must not be understood worse. */
describe.each(Object.entries(SETS))('accuracy on %s with the frozen knowledge base', (file, floors) => {
  let report: EvaluationReport;

  beforeAll(() => {
    const classify = openClassifier(FROZEN_KB, () => {});
    if (!classify) throw new Error('the frozen knowledge base does not load');
    const { rows, errors } = parseLabelledRows(readFileSync(join(EVAL, file), 'utf8'));
    expect(errors).toEqual([]);
    report = evaluate((q) => classify(q).understanding, rows);
  });

  it('keeps overall accuracy', () => {
    expect(report.overall.count).toBeGreaterThanOrEqual(floors.overall);
  });

  it('keeps recognising out-of-scope questions as none', () => {
    expect(report.noneRecall.count).toBeGreaterThanOrEqual(floors.noneRecall);
  });

  it('keeps recognising the aspect asked about', () => {
    expect(report.aspect.count).toBeGreaterThanOrEqual(floors.aspect);
  });

  it('does not answer more procedure questions confidently with a wrong entry', () => {
    expect(report.confidentWrong.count).toBeLessThanOrEqual(floors.maxConfidentWrong);
  });

  it.each(Object.entries(floors.byStyle))('keeps the accuracy of %s questions', (style, floor) => {
    expect(report.byStyle[style].count).toBeGreaterThanOrEqual(floor);
  });
});
