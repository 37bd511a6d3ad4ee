import i18next from 'i18next';
import { createI18n } from '../../bot/i18n';
import en from '../../bot/locales/en.json';
import vi from '../../bot/locales/vi.json';

function leaves(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe('createI18n', () => {
  it('says every sentence exactly as i18next does, with all values, some missing, or none', () => {
    const reference = i18next.createInstance();
    void reference.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'vi', fallbackLng: 'vi', initAsync: false, interpolation: { escapeValue: false }, returnNull: false });
    const ours = createI18n('vi');
    const differences: string[] = [];
    for (const locale of ['vi', 'en'] as const) {
      for (const key of leaves(locale === 'vi' ? vi : en)) {
        const names = [...String(reference.getResource(locale, 'translation', key)).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]);
        const samples = [Object.fromEntries(names.map((name, i) => [name, i % 2 ? 3 : `v${i}`])), Object.fromEntries(names.slice(1).map((name) => [name, 'y'])), undefined];
        for (const vars of samples) {
          const expected = String(reference.getFixedT(locale)(key, vars ?? {}));
          // Twice: the second answer comes from what the first one kept.
          for (let round = 0; round < 2; round++) {
            const actual = ours.t(locale, key, vars);
            if (actual !== expected) differences.push(`${locale} ${key} ${JSON.stringify(vars)}: ${actual} != ${expected}`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });
});
