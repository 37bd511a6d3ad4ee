import type { Locale, SiteFacts } from './types';

/**
 * Finds sentences that a placeholder makes repeat themselves: "{{site.desk}}" ends with "…của xã, phường", and the
 * entry goes on "của xã nơi…", so citizens read "…của xã, phường của xã nơi…". Compared are the last words of the
 * expansion and the words right after the placeholder (up to a punctuation mark), and likewise the words right
 * before it and the first words of the expansion. Words inside brackets in the expansion are left out ("(Bộ phận Một
 * cửa)" is an aside), and so are function words ("của", "of", "the"); a joining word ("hoặc", "or") ends the comparison, since
 * what follows is another item ("{{site.portal_name}} hay Cổng dịch vụ công Bộ Công an"). Words are compared lower
 * case with their marks: "của" and "cửa" are different words.
 */

const PLACEHOLDER = /\{\{\s*site\.([^\s{}]+)\s*\}\}/g;
const WINDOW = 4;
const FUNCTION_WORDS = new Set(['của', 'the', 'a', 'an', 'of', 'to', 'in', 'at', 'on', 'for', 'by', 'with', 'your', 'you']);
const JOINING_WORDS = new Set(['hoặc', 'hay', 'và', 'rồi', 'or', 'and', 'then', 'but']);
const BREAK = /[.,;:!?()[\]"“”]/;

/** One message per placeholder whose neighbours repeat its words; empty when the text reads right. */
export function placeholderJoins(text: string, site: SiteFacts, locale: Locale): string[] {
  const messages: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const fact = Object.hasOwn(site, match[1]) ? site[match[1]] : undefined;
    const expansion = fact === undefined ? '' : locale === 'en' ? fact.en ?? fact.vi : fact.vi;
    if (expansion === '') continue;
    const start = match.index ?? 0;
    const own = content(words(expansion.replace(/\([^()]*\)/g, ' ')));
    const after = content(untilJoin(words(firstClause(text.slice(start + match[0].length))))).slice(0, WINDOW);
    const before = content(untilJoin(words(lastClause(text.slice(0, start))).reverse())).slice(0, WINDOW);
    const repeatedAfter = shared(own.slice(-WINDOW), after);
    const repeatedBefore = shared(own.slice(0, WINDOW), before);
    if (repeatedAfter.length > 0) {
      messages.push(`"${match[0]}" ends with "…${lastWords(expansion)}" and the text goes on with "${repeatedAfter.join('", "')}" again: say it once (change the words after the placeholder, or site.yaml)`);
    }
    if (repeatedBefore.length > 0) {
      messages.push(`"${match[0]}" starts with "${firstWords(expansion)}…" right after "${repeatedBefore.join('", "')}": say it once`);
    }
  }
  return messages;
}

function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function content(list: string[]): string[] {
  return list.filter((word) => !FUNCTION_WORDS.has(word) && !JOINING_WORDS.has(word));
}

/** The words up to the first joining word (the next item of a list is not a repetition). */
function untilJoin(list: string[]): string[] {
  const at = list.findIndex((word) => JOINING_WORDS.has(word));
  return at === -1 ? list : list.slice(0, at);
}

function firstClause(text: string): string {
  const at = text.search(BREAK);
  return at === -1 ? text : text.slice(0, at);
}

function lastClause(text: string): string {
  let at = text.length - 1;
  while (at >= 0 && !BREAK.test(text[at])) at -= 1;
  return text.slice(at + 1);
}

function shared(a: string[], b: string[]): string[] {
  return [...new Set(a.filter((word) => b.includes(word)))];
}

function lastWords(text: string): string {
  return text.split(/\s+/).slice(-WINDOW).join(' ');
}

function firstWords(text: string): string {
  return text.split(/\s+/).slice(0, WINDOW).join(' ');
}
