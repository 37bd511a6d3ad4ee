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
  // The resources never change after start, and i18next's lookup and interpolation are a good part of a turn's
  // cost (menus and buttons ask for the same sentences on every turn): a sentence is looked up once, and one whose
  // only placeholders are plain {{names}} is filled in here. Anything else (nesting, plurals, a value missing)
  // goes through i18next as before.
  const plain = { vi: new Map<string, string>(), en: new Map<string, string>() };
  const templates = { vi: new Map<string, Template | null>(), en: new Map<string, Template | null>() };
  const templateOf = (locale: Locale, key: string) => {
    if (!templates[locale].has(key)) templates[locale].set(key, compileTemplate(instance, locale, key));
    return templates[locale].get(key)!;
  };
  return {
    t: (locale, key, vars) => {
      if (vars) return fillTemplate(templateOf(locale, key), vars) ?? String(fixed[locale](key, vars));
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

/** A sentence split at its {{placeholders}}: parts[0] name[0] parts[1] name[1] ... parts[n]. */
interface Template {
  parts: string[];
  names: string[];
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
const VARIANT_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other', '_plural'];

/** The sentence as a template, or null when i18next must handle it (missing here, nesting, plural forms). */
function compileTemplate(instance: ReturnType<typeof i18next.createInstance>, locale: Locale, key: string): Template | null {
  const raw: unknown = instance.getResource(locale, 'translation', key);
  if (typeof raw !== 'string' || raw.includes('$t(')) return null;
  if (VARIANT_SUFFIXES.some((suffix) => instance.getResource(locale, 'translation', `${key}${suffix}`) !== undefined)) return null;
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of raw.matchAll(PLACEHOLDER)) {
    parts.push(raw.slice(last, match.index));
    names.push(match[1]);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(raw.slice(last));
  return parts.some((part) => part.includes('{{')) ? null : { parts, names };
}

/** The template filled in, or null when a value is missing (i18next then decides what to show). */
function fillTemplate(template: Template | null, vars: Record<string, unknown>): string | null {
  if (!template) return null;
  let text = template.parts[0];
  for (let i = 0; i < template.names.length; i++) {
    const value = vars[template.names[i]];
    if (value === undefined || value === null) return null;
    text += String(value) + template.parts[i + 1];
  }
  return text;
}
