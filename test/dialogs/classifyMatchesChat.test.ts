import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openClassifier } from '../../bot/cli/classify';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { createLogger } from '../../bot/logger';
import { parseLabelledRows } from '../../bot/understanding/evaluate';
import { Conversation } from '../helpers/conversation';
import { FROZEN_KB } from '../helpers/paths';

const EVAL = join(__dirname, '..', 'fixtures', 'eval');

/** Every labelled question of the regression sets, each the first message of its own chat. */
const QUESTIONS = ['dev.jsonl', 'dev-more.jsonl'].flatMap((file) => parseLabelledRows(readFileSync(join(EVAL, file), 'utf8')).rows.map((row) => row.q));

/** Every staff FAQ question of the bundled knowledge (vi and en), typed alone. */
const FAQ_QUESTIONS = (loadKnowledge(FROZEN_KB).kb?.entries ?? []).flatMap((entry) => entry.faq.flatMap(({ q }) => [q.vi, ...(q.en ? [q.en] : [])]));

/**
 * `npm run classify` must report what the chat does, so that its figures measure the product: each question goes
 * through the real bot (turn runner, router) and the route it took, as the router logs it, must be the one
 * classify reports, with the same entry.
 */
describe('classify and the chat decide alike', () => {
  const routes: { route: string; entry?: string }[] = [];
  const logger = createLogger('debug', {
    write(line: string) {
      const record = JSON.parse(line) as { msg?: string; route?: string; entry?: string };
      if (record.msg === 'message read' && record.route) routes.push({ route: record.route, entry: record.entry });
    },
  });

  it.each([
    ['every dev line', QUESTIONS],
    ['every staff FAQ question', FAQ_QUESTIONS],
  ])('on %s', async (_, questions) => {
    expect(questions.length).toBeGreaterThan(200);
    const classify = openClassifier(FROZEN_KB, () => {});
    if (!classify) throw new Error('the frozen knowledge base does not load');
    const conversation = new Conversation({ logger });
    const differences: string[] = [];
    for (const [i, q] of questions.entries()) {
      routes.length = 0;
      // A new chat with a new citizen for each question, as classify reads it.
      conversation.newChat(`citizen-${i}`);
      await conversation.say(q);
      const chat = routes[routes.length - 1];
      const { understanding, action } = classify(q);
      const entry = understanding.intent === 'procedure' ? understanding.id ?? undefined : undefined;
      const said = chat ? `${chat.route} ${chat.entry ?? '-'}` : 'nothing';
      const reported = `${action} ${entry ?? '-'}`;
      if (said !== reported) differences.push(`${JSON.stringify(q)}: chat ${said}, classify ${reported}`);
    }
    expect(differences).toEqual([]);
  }, 120_000);
});
