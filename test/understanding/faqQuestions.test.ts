import { openClassifier, type Classify } from '../../bot/cli/classify';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import type { KnowledgeBase } from '../../bot/knowledge/types';
import { stripMarks } from '../../bot/text/fold';
import { misreadNames } from '../../bot/understanding/nameCheck';
import { DEFAULT_THRESHOLDS, Understander } from '../../bot/understanding/understander';
import { FROZEN_KB } from '../helpers/paths';

/**
 * Every staff FAQ question of the bundled knowledge, typed alone as a citizen's first message, as typed and without
 * marks: the chat answers it with the staff's answer, or kb:check tells staff it does not (and why), never both,
 * never neither. After its entry it is always answered. Messages that name no procedure still ask.
 */
let kb: KnowledgeBase;
let classify: Classify;
let understander: Understander;
/** The FAQ questions kb:check reports as not answered alone, by entry and text. */
let reported: Set<string>;

interface Asked {
  id: string;
  text: string;
  form: 'typed' | 'unmarked';
}
let questions: Asked[];

beforeAll(() => {
  const loaded = loadKnowledge(FROZEN_KB);
  if (!loaded.kb) throw new Error('the frozen knowledge base does not load');
  kb = loaded.kb;
  const opened = openClassifier(FROZEN_KB, () => {});
  if (!opened) throw new Error('the frozen knowledge base does not load');
  classify = opened;
  understander = new Understander(kb);
  reported = new Set(misreadNames(kb).filter((name) => name.kind === 'faq').map((name) => `${name.entry.id}|${name.text}`));
  questions = kb.entries.flatMap((entry) =>
    entry.faq.flatMap(({ q }) =>
      [q.vi, q.en].flatMap((text) => (text ? [{ id: entry.id, text, form: 'typed' as const }, { id: entry.id, text: stripMarks(text), form: 'unmarked' as const }] : [])),
    ),
  );
});

/** Whether the chat answers the message with a staff answer of the entry (the place note first counts). */
const answersFaq = ({ id, text }: Asked): boolean => {
  const { understanding, action } = classify(text);
  return (action === 'faq' || action === 'place+faq') && understanding.id === id && understanding.decision === 'answer';
};

describe('staff FAQ questions typed alone', () => {
  it('each is answered with its staff answer unless kb:check reports it, as typed and without marks', () => {
    const typed = questions.filter(({ form }) => form === 'typed');
    const wrong = typed.filter((asked) => answersFaq(asked) === reported.has(`${asked.id}|${asked.text}`)).map(({ id, text }) => `${id}: ${text}`);
    expect(wrong).toEqual([]);
    // Without marks, a question is answered as it is with them.
    const unmarked = questions.filter(({ form }) => form === 'unmarked');
    const differs = unmarked.filter((asked, i) => answersFaq(asked) !== answersFaq(typed[i])).map(({ id, text }) => `${id}: ${text}`);
    expect(differs).toEqual([]);
  });

  it('most are answered directly (202 of 246 at 2026-12-02), and none is asked about as a tie', () => {
    const typed = questions.filter(({ form }) => form === 'typed');
    expect(typed.filter(answersFaq).length).toBeGreaterThanOrEqual(202);
    const tied = questions.filter(({ text }) => {
      const got = understander.understand(text);
      return got.decision === 'clarify' && got.confidence >= DEFAULT_THRESHOLDS.high;
    });
    expect(tied.map(({ text }) => text)).toEqual([]);
  });

  it('after its entry each is answered with its staff answer, as typed and without marks', () => {
    const missed = questions.filter(({ id, text }) => understander.understand(text, { lastEntryId: id }).faq?.entryId !== id);
    expect(missed.map(({ id, text }) => `${id}: ${text}`)).toEqual([]);
  });

  it.each([
    ['chào ad, nên xin phiếu số 1 hay phiếu số 2?', 'ly-lich-tu-phap'],
    ['Hi, can my child move in the middle of a semester?', 'chuyen-truong'],
    ['cho em hỏi chưa có tiền nộp tiền sử dụng đất thì sao ạ', 'cap-so-do-lan-dau'],
    ['mat bang tot nghiep thi co dc cap lai bang moi ko', 'ban-sao-van-bang'],
    ['thẻ cccd cũ với cmnd còn dùng được không', 'cap-can-cuoc'],
  ])('%j, a FAQ question with a greeting or worded a little differently, gets the staff answer of %s', (text, id) => {
    expect(classify(text)).toMatchObject({ action: 'faq', understanding: { id, decision: 'answer' } });
  });

  it.each(['How long does it take?', 'Can a relative apply for me?', 'Tôi cần nhiều bản thì sao?', 'phải chờ bao lâu', 'người nhà làm thay được không'])(
    '%j names no procedure: the bot asks which or says it does not know, though a staff question says it',
    (text) => {
      expect(understander.understand(text)).toMatchObject({ faq: null });
      expect(understander.understand(text).decision).not.toBe('answer');
    },
  );

  it('a FAQ question of one entry that another entry\'s name typed alone shares does not take that name', () => {
    expect(classify('certify a copy of my diploma')).toMatchObject({ understanding: { id: 'chung-thuc-ban-sao' } });
  });
});
