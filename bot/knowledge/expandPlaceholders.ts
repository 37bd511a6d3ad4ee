import { didYouMean } from './editDistance';
import type { Locale, SiteFacts } from './types';

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const SITE_KEY = /^\s*site\.([^\s{}]+)\s*$/;

/**
 * Replaces every `{{site.key}}` in one language's text with that site fact (English falls back to Vietnamese).
 * Placeholders that cannot be expanded stay as written and are described in `problems`, so the caller reports
 * them at the right place.
 */
export function expandPlaceholders(text: string, site: SiteFacts, locale: Locale, problems: Set<string>): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole: string, inner: string) => {
    const match = SITE_KEY.exec(inner);
    if (match === null) {
      problems.add(`placeholder "${whole}" must be written {{site.<key>}}`);
      return whole;
    }
    const fact = Object.hasOwn(site, match[1]) ? site[match[1]] : undefined;
    if (fact === undefined) {
      problems.add(`"${whole}" names no key of site.yaml${suggestKey(match[1], Object.keys(site))}`);
      return whole;
    }
    return locale === 'en' ? fact.en ?? fact.vi : fact.vi;
  });
}

function suggestKey(key: string, keys: string[]): string {
  if (keys.length === 0) return '';
  return didYouMean(key, keys) || ` (its keys: ${keys.join(', ')})`;
}

/** True when braces are left that look like a broken placeholder (`{{site.desk}` or `{site.desk}}`). */
export function hasStrayBraces(text: string): boolean {
  return text.includes('{{') || text.includes('}}');
}
