import { createI18n } from '../../bot/i18n';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import type { Aspect, Entry, KnowledgeBase, Locale, Text } from '../../bot/knowledge/types';
import type { PlaceMention } from '../../bot/understanding/placeFinder';
import { EntryTexts } from '../../dialogs/entryTexts';
import { LocalText } from '../../dialogs/localText';
import { PlaceTexts } from '../../dialogs/placeTexts';
import { LIVE_KB } from '../helpers/paths';

/**
 * A lint over the LIVE knowledge base, like kb:check: every entry rendered by the real answer code, in both
 * languages, must read right. No placeholder left unexpanded, no place phrase said twice ("…nơi bạn cư trú nơi có
 * đất"), no note meant for staff, and no sentence over 300 characters in an overview. Texts the answers will show
 * besides (FAQ, document notes, legal basis) are held to the same rules, and so are the place and contact answers.
 */

const LOCALES: Locale[] = ['vi', 'en'];
const ASPECTS: Aspect[] = ['documents', 'fee', 'time', 'where', 'online', 'steps', 'eligibility'];
const MAX_SENTENCE = 300;

/** Words that only staff should read: how sure the knowledge base is, where a fact came from, codes. */
const INTERNAL_NOTES: Record<Locale, RegExp> = {
  vi: /mã thủ tục|chưa được (?:xác minh|kiểm tra|xác nhận|đối chiếu)|chưa xác minh|chưa kiểm chứng|chưa tìm được|nguồn tin|thông tin đã tìm được|thông tin về thủ tục này còn ít|chưa đầy đủ\)|bản sao chưa kiểm chứng|ước lượng|ghi chép|procedures-facts|kb-audit/i,
  en: /procedure code|not (?:been )?(?:verified|checked|confirmed)|unverified|sources disagree|information found|facts on this procedure are thin|not found|research notes|procedures-facts|kb-audit/i,
};

/**
 * Phrases that name a place. Said twice within a few words, the second not offered as an alternative ("hoặc nơi",
 * ", or where") and nothing relating the two ("thì", "về", "ngoài", "không"...), a sentence repeats itself:
 * "…nơi bạn cư trú nơi có đất", "…của xã, phường của xã nơi…".
 */
const PLACE_MARKERS: Record<Locale, RegExp[]> = {
  vi: [/nơi/g, /của (?:ubnd )?xã/g, /xã, phường/g],
  en: [/\bwhere\b/g, /\bof (?:the|your) commune\b/g, /\bcommune or ward\b/g],
};
const ALTERNATIVE = /(?:[,;:]|\b(?:or|and|hoặc|hay|và))\s*$/iu;
const RELATING: Record<Locale, RegExp> = {
  vi: /[.;:]|(?<![\p{L}])(?:thì|với|về|không|phải|ngoài|là|để|khi|nếu|mà|ở|đến|từ|sang|trước|sau)(?![\p{L}])/iu,
  en: /[.;:]|\b(?:than|to|from|if|when|not|before|after)\b/i,
};
const NEAR = 5;

const { kb, problems } = loadKnowledge(LIVE_KB);
const i18n = createI18n('vi');

function base(): KnowledgeBase {
  if (!kb) throw new Error(`the live knowledge base does not load:\n${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`);
  return kb;
}

function textsFor(locale: Locale): EntryTexts {
  return new EntryTexts((key, vars) => i18n.t(locale, key, vars), new LocalText(locale), base().site);
}

/** Everything the answer code says about an entry: the overview, each aspect, and the texts shown besides. */
function rendered(entry: Entry, locale: Locale): { overview: string[]; all: string[] } {
  const texts = textsFor(locale);
  const overview = texts.overview(entry);
  const aspects = ASPECTS.flatMap((aspect) => texts.aspect(entry, aspect));
  const pick = (text: Text | undefined) => texts.text.pick(text);
  const besides = [
    ...entry.faq.flatMap((faq) => [pick(faq.q), pick(faq.a)]),
    ...(entry.kind === 'procedure'
      ? [...entry.documents.flatMap((doc) => [pick(doc.name), pick(doc.source), pick(doc.note)]), pick(entry.online.note), pick(entry.agency), ...entry.legalBasis, ...Object.values(entry.questions).map(pick)]
      : [...entry.links.map((link) => pick(link.title)), ...entry.followUps.map(pick)]),
    pick(entry.caution),
  ];
  return { overview, all: [...overview, ...aspects, ...besides].filter(Boolean) };
}

function placeTexts(locale: Locale): PlaceTexts {
  return new PlaceTexts((key, vars) => i18n.t(locale, key, vars), new LocalText(locale), base().site, base().communes);
}

/** Every place a citizen can name, one at a time, and the contact answer. */
function placeAnswers(locale: Locale): string[] {
  const directory = base().communes;
  const mentions: PlaceMention[] = directory.communes.flatMap((commune) => [
    { kind: 'commune' as const, name: commune.name, commune: commune.name },
    ...commune.formerCommunes.map((name) => ({ kind: 'formerCommune' as const, name, commune: commune.name })),
    ...commune.formerTowns.map((name) => ({ kind: 'formerTown' as const, name, commune: commune.name })),
  ]);
  if (directory.formerDistrict) mentions.push({ kind: 'formerDistrict', name: directory.formerDistrict, commune: null });
  const texts = placeTexts(locale);
  return [...mentions.flatMap((mention) => [...texts.places([mention]), ...texts.note([mention])]), ...texts.contact()];
}

function sentences(line: string): string[] {
  return line.split(/(?<=[.!?])\s+/).filter(Boolean);
}

function residue(line: string): string | undefined {
  return /\{\{|\}\}|\bsite\.[a-z_]+|\b(?:answer|handoff|place|fallback|buttons|checklist)\.[a-zA-Z]+/.exec(line)?.[0];
}

/** A place phrase said twice with at most NEAR words and nothing relating them between: "nơi bạn cư trú nơi". */
function repeatedPlace(line: string, locale: Locale): string | undefined {
  const lower = line.toLowerCase();
  for (const marker of PLACE_MARKERS[locale]) {
    const found = [...lower.matchAll(marker)];
    for (let i = 0; i + 1 < found.length; i += 1) {
      const end = (found[i].index ?? 0) + found[i][0].length;
      const between = lower.slice(end, found[i + 1].index);
      const words = between.split(/\s+/).filter(Boolean).length;
      if (words <= NEAR && !ALTERNATIVE.test(between) && !RELATING[locale].test(between)) return lower.slice(found[i].index, (found[i + 1].index ?? 0) + found[i + 1][0].length);
    }
  }
  return undefined;
}

describe('the live knowledge base, rendered by the answer code in both languages', () => {
  it('has the 46 entries of the catalog', () => {
    expect(base().entries).toHaveLength(46);
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      it('leaves no placeholder or message key unexpanded', () => {
        const found = base().entries.flatMap((entry) =>
          rendered(entry, locale).all.flatMap((line) => (residue(line) ? [`${entry.id}: ${residue(line)} in "${line}"`] : [])),
        );
        expect(found).toEqual([]);
      });

      it('never says a place phrase twice in a row', () => {
        const found = base().entries.flatMap((entry) =>
          rendered(entry, locale).all.flatMap((line) => {
            const repeated = repeatedPlace(line, locale);
            return repeated ? [`${entry.id}: "${repeated}" in "${line}"`] : [];
          }),
        );
        expect(found).toEqual([]);
      });

      it('shows citizens no note meant for staff', () => {
        const found = base().entries.flatMap((entry) =>
          rendered(entry, locale).all.flatMap((line) => {
            const note = INTERNAL_NOTES[locale].exec(line)?.[0];
            return note ? [`${entry.id}: "${note}" in "${line}"`] : [];
          }),
        );
        expect(found).toEqual([]);
      });

      it(`keeps every sentence of an overview within ${MAX_SENTENCE} characters`, () => {
        const found = base().entries.flatMap((entry) =>
          rendered(entry, locale).overview.flatMap(sentences).flatMap((sentence) => (sentence.length > MAX_SENTENCE ? [`${entry.id} (${sentence.length}): ${sentence}`] : [])),
        );
        expect(found).toEqual([]);
      });

      it('answers every commune, former commune and the former district, and the contacts, with the same care', () => {
        const lines = placeAnswers(locale);
        expect(lines.length).toBeGreaterThan(20);
        const found = lines.flatMap((line) => {
          const problem = residue(line) ?? repeatedPlace(line, locale) ?? INTERNAL_NOTES[locale].exec(line)?.[0];
          return problem ? [`"${problem}" in "${line}"`] : [];
        });
        expect(found).toEqual([]);
      });

      it('names a phone number in the contact answer', () => {
        expect(placeTexts(locale).contact().join('\n')).toMatch(/\d{4} \d{4}|\d{3,5}[. ]\d{3}[. ]\d{3}/);
      });
    });
  }
});

describe('the lint itself', () => {
  it('catches what the audit found', () => {
    expect(repeatedPlace('Nộp tại Bộ phận Một cửa của UBND xã, phường nơi bạn cư trú nơi có đất.', 'vi')).toBe('nơi bạn cư trú nơi');
    expect(repeatedPlace('Nộp tại Trung tâm (Bộ phận Một cửa) của xã, phường của xã nơi một trong hai người cư trú.', 'vi')).toBeDefined();
    expect(repeatedPlace('…của UBND xã, phường nơi bạn cư trú của xã nơi một trong hai người cư trú', 'vi')).toBeDefined();
    expect(repeatedPlace('File at the desk of your commune or ward of the commune where either of you lives.', 'en')).toBeDefined();
    expect(INTERNAL_NOTES.vi.test('Mức lệ phí chưa được xác minh; mã thủ tục chưa được kiểm tra lại.')).toBe(true);
    expect(INTERNAL_NOTES.en.test('sources disagree on whether it ended')).toBe(true);
    expect(residue('Nộp tại {{site.desk}}')).toBe('{{');
  });

  it('lets a place be named once, or two places be offered', () => {
    expect(repeatedPlace('Nộp tại Trung tâm của xã, phường nơi có đất.', 'vi')).toBeUndefined();
    expect(repeatedPlace('Nộp tại xã nơi đã khai sinh trước đây hoặc nơi đang cư trú.', 'vi')).toBeUndefined();
    expect(repeatedPlace('UBND cấp xã nơi bạn thường trú; nếu không có nơi thường trú thì nơi bạn đang tạm trú.', 'vi')).toBeUndefined();
    expect(repeatedPlace('File where the land is, or where you live.', 'en')).toBeUndefined();
  });
});
