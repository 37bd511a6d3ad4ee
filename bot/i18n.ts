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
  return {
    t: (locale, key, vars) => String(fixed[locale](key, vars ?? {})),
    list: (locale, key) => {
      const value: unknown = fixed[locale](key, { returnObjects: true });
      return Array.isArray(value) ? value.map(String) : [];
    },
  };
}
