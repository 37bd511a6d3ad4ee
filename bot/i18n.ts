import i18next from 'i18next';
import type { I18n } from '../dialogs/services';
import type { Locale } from './knowledge/types';
import en from './locales/en.json';
import vi from './locales/vi.json';

export type { I18n, Translate } from '../dialogs/services';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

/**
 * One i18next instance for the process (created by the composition root, never a module singleton).
 * Resources are bundled JSON, so initialisation is synchronous. A missing key falls back to Vietnamese, then
 * to the key itself, which a test catches.
 */
export function createI18n(defaultLocale: Locale = 'vi'): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: defaultLocale,
    fallbackLng: 'vi',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = { vi: instance.getFixedT('vi'), en: instance.getFixedT('en') };
  // The resources never change after start: a sentence without placeholders is looked up once (i18next's lookup
  // is a good part of a turn's cost otherwise: buttons and menus ask for the same titles on every turn).
  const plain = { vi: new Map<string, string>(), en: new Map<string, string>() };
  return {
    t: (locale, key, vars) => {
      if (vars) return String(fixed[locale](key, vars));
      let text = plain[locale].get(key);
      if (text === undefined) plain[locale].set(key, (text = String(fixed[locale](key, {}))));
      return text;
    },
    list: (locale, key) => {
      const value: unknown = fixed[locale](key, { returnObjects: true });
      return Array.isArray(value) ? value.map(String) : [];
    },
  };
}
