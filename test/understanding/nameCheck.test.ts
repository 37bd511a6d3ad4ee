import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import type { KnowledgeBase } from '../../bot/knowledge/types';
import { describeMisread, misreadNames, type MisreadName } from '../../bot/understanding/nameCheck';
import { FROZEN_KB } from '../helpers/paths';

/** The kb:check warning for aliases and FAQ questions the bot would not read as their own entry. */
let kb: KnowledgeBase;

beforeAll(() => {
  const loaded = loadKnowledge(FROZEN_KB);
  if (!loaded.kb) throw new Error('the frozen knowledge base does not load');
  kb = loaded.kb;
});

const withAliases = (id: string, aliases: string[]): KnowledgeBase => ({
  ...kb,
  entries: kb.entries.map((entry) => (entry.id === id ? { ...entry, aliases: [...entry.aliases, ...aliases] } : entry)),
});

describe('aliases and FAQ questions read as their own entry', () => {
  it('every alias and FAQ question of the bundled knowledge is (an uncovered phrase inside an alias included)', () => {
    expect(misreadNames(kb).map((name) => describeMisread(name))).toEqual([]);
  });

  // A commune named in a message is taken out before it is read, so an alias naming one is read without it.
  it('reports an alias another entry answers, and an alias answered "not covered" with the phrase responsible', () => {
    const edited = withAliases('khai-bao-tam-vang', ['kết hôn ở Vĩnh Tiến', 'đi nghĩa vụ quân sự ở Vĩnh Tiến']);
    const found = misreadNames(edited).filter((name) => name.entry.id === 'khai-bao-tam-vang');
    const index = kb.byId.get('khai-bao-tam-vang')?.aliases.length ?? -1;
    expect(found.map(({ kind, text, path, reading, phrases }) => ({ kind, text, path, reading, phrases }))).toEqual([
      { kind: 'alias', text: 'kết hôn ở Vĩnh Tiến', path: ['aliases', index], reading: { as: 'entry', id: 'ket-hon' }, phrases: [] },
      { kind: 'alias', text: 'đi nghĩa vụ quân sự ở Vĩnh Tiến', path: ['aliases', index + 1], reading: { as: 'none' }, phrases: ['nghĩa vụ quân sự'] },
    ]);
    expect(describeMisread(found[0])).toBe('alias "kết hôn ở Vĩnh Tiến" of khai-bao-tam-vang is answered as ket-hon: make the two entries\' names tell them apart');
    expect(describeMisread(found[1])).toBe(
      'alias "đi nghĩa vụ quân sự ở Vĩnh Tiến" of khai-bao-tam-vang is answered "not covered"; the out-of-scope phrase "nghĩa vụ quân sự" (intents.yaml out_of_scope) matches in it: narrow the phrase, or reword the alias',
    );
  });

  it('reports an alias taken for small talk: one that is nothing but a greeting, thanks, help or handoff phrase', () => {
    const edited = withAliases('khai-sinh', ['cảm ơn nhiều', 'hotline', 'help with a birth certificate']);
    const found = misreadNames(edited).filter((name) => name.entry.id === 'khai-sinh');
    expect(found.map(({ text, reading }) => ({ text, reading }))).toEqual([
      { text: 'cảm ơn nhiều', reading: { as: 'small talk', intent: 'thanks' } },
      { text: 'hotline', reading: { as: 'small talk', intent: 'handoff' } },
    ]);
    expect(describeMisread(found[0])).toBe(
      'alias "cảm ơn nhiều" of khai-sinh is taken for thanks (a thanks phrase of intents.yaml matches in it): reword the alias, or narrow the phrase',
    );
  });

  it('names the phrases, or says no entry matched when none is to blame', () => {
    const entry = kb.entries[0];
    const name = (reading: MisreadName['reading'], phrases: string[]): MisreadName => ({ entry, kind: 'faq', text: 'x', path: ['faq', 0, 'q'], reading, phrases });
    expect(describeMisread(name({ as: 'none' }, []))).toBe(`FAQ question "x" of ${entry.id} is answered "not covered": no entry is a confident match for it`);
    expect(describeMisread(name({ as: 'none' }, ['visa', 'xin việc']))).toBe(
      `FAQ question "x" of ${entry.id} is answered "not covered"; the out-of-scope phrases "visa", "xin việc" (intents.yaml out_of_scope) match in it: narrow the phrase, or reword the question`,
    );
  });
});
