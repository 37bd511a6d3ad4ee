import type { CommuneDirectory } from '../knowledge/types';
import { fold, stripMarks } from '../text/fold';
import { canonicalToken, markedKey } from '../text/tokens';

/** A place of the served area named in a message. */
export interface PlaceMention {
  kind: 'commune' | 'formerCommune' | 'formerTown' | 'formerDistrict';
  /** The name as written in site.yaml ("Vĩnh Tiến"). */
  name: string;
  /** The commune that serves it now; null for the former district (it became several communes). */
  commune: string | null;
}

export interface PlacesFound {
  mentions: PlaceMention[];
  /** The message with the names taken out, for the rest of the understanding. */
  rest: string;
}

interface Name {
  folded: string[];
  marked: string[];
  mentions: PlaceMention[];
}

interface Word {
  start: number;
  end: number;
  folded: string;
  marked: string;
  hasMarks: boolean;
}

/**
 * Finds the communes of site.yaml, and the former communes, towns and district they were formed from, in a message.
 * A word typed with marks must match the name's marks ("Vĩnh Hưng" is not "Vĩnh Hùng"); a word typed without marks
 * matches every name it folds to ("vinh hung" names both, and both are returned).
 * `elsewhere` (lexicon.yaml `places`): the province, its former districts and towns, other provinces, cities and
 * countries. They are taken out of the message the same way but are no mention: where a citizen lives or comes from
 * names no procedure ("I live in Thanh Hoa, how long does a passport take?"). A name of the served area wins.
 */
export class PlaceFinder {
  private readonly names: Name[];
  /** The words that say what kind of place a name is ("tỉnh", "huyện", "province"), each as folded tokens. */
  private readonly kinds: string[][];

  /**
   * `kinds` (lexicon.yaml `place_kinds`): the words that say what kind of place a name elsewhere is; taken out with
   * it when they stand right before or after it ("tỉnh Thanh Hóa", "Thanh Hoa province").
   */
  constructor(directory: CommuneDirectory, elsewhere: readonly string[] = [], kinds: readonly string[] = []) {
    this.kinds = kinds.map((kind) => tokensOf(kind.normalize('NFC'))).filter((tokens) => tokens.length > 0);
    const byName = new Map<string, Name>();
    const add = (name: string, mention: PlaceMention): void => {
      const key = name.normalize('NFC');
      const known = byName.get(key) ?? { folded: tokensOf(key), marked: markedOf(key), mentions: [] };
      known.mentions.push(mention);
      byName.set(key, known);
    };
    for (const commune of directory.communes) add(commune.name, { kind: 'commune', name: commune.name, commune: commune.name });
    for (const commune of directory.communes) {
      for (const town of commune.formerTowns) add(town, { kind: 'formerTown', name: town, commune: commune.name });
      for (const former of commune.formerCommunes) add(former, { kind: 'formerCommune', name: former, commune: commune.name });
    }
    if (directory.formerDistrict) add(directory.formerDistrict, { kind: 'formerDistrict', name: directory.formerDistrict, commune: null });
    for (const place of elsewhere) {
      const key = place.normalize('NFC');
      if (!byName.has(key)) byName.set(key, { folded: tokensOf(key), marked: markedOf(key), mentions: [] });
    }
    this.names = [...byName.values()].filter((name) => name.folded.length > 0);
    for (const name of this.names) this.byFirst.set(name.folded[0], [...(this.byFirst.get(name.folded[0]) ?? []), name]);
  }

  /** The names by their first folded word: a message's words are looked up, not every name tried at every word. */
  private readonly byFirst = new Map<string, Name[]>();

  find(message: string): PlacesFound {
    if (this.names.length === 0) return { mentions: [], rest: message };
    const text = message.normalize('NFC');
    const words = wordsOf(text);
    const mentions: PlaceMention[] = [];
    let rest = text;
    for (let at = 0; at < words.length; ) {
      // Every name of the longest length found here: "vinh hung" typed without marks names two former communes.
      const found = (this.byFirst.get(words[at].folded) ?? []).filter((name) => this.matches(name, words, at));
      const length = Math.max(0, ...found.map((name) => name.folded.length));
      if (length === 0) {
        at += 1;
        continue;
      }
      const longest = found.filter((candidate) => candidate.folded.length === length);
      for (const name of longest) {
        mentions.push(...name.mentions.filter((mention) => !mentions.some((known) => sameMention(known, mention))));
      }
      // A place elsewhere goes with the word that says what kind of place it is; a served one keeps it ("xã cũ").
      const elsewhere = longest.every((name) => name.mentions.length === 0);
      const before = elsewhere ? this.kindEnding(words, at) : 0;
      const after = elsewhere ? this.kindStarting(words, at + length) : 0;
      const first = words[at - before];
      const last = words[at + length + after - 1];
      rest = `${rest.slice(0, first.start)}${' '.repeat(last.end - first.start)}${rest.slice(last.end)}`;
      at += length + after;
    }
    return { mentions: withoutEchoes(mentions), rest: rest.replace(/\s+/g, ' ').trim() };
  }

  /** How many words of a kind word end right before `at` (0 when none does). */
  private kindEnding(words: Word[], at: number): number {
    const fits = (kind: string[]) => kind.length <= at && kind.every((token, i) => words[at - kind.length + i].folded === token);
    return Math.max(0, ...this.kinds.filter(fits).map((kind) => kind.length));
  }

  /** How many words of a kind word start at `at` (0 when none does). */
  private kindStarting(words: Word[], at: number): number {
    const fits = (kind: string[]) => at + kind.length <= words.length && kind.every((token, i) => words[at + i].folded === token);
    return Math.max(0, ...this.kinds.filter(fits).map((kind) => kind.length));
  }

  private matches(name: Name, words: Word[], at: number): boolean {
    if (at + name.folded.length > words.length) return false;
    return name.folded.every((folded, i) => {
      const word = words[at + i];
      return word.folded === folded && (!word.hasMarks || word.marked === name.marked[i]);
    });
  }
}

/** A former town with its commune's own name ("thị trấn Vĩnh Lộc" in "xã Vĩnh Lộc") adds nothing to the commune. */
function withoutEchoes(mentions: PlaceMention[]): PlaceMention[] {
  return mentions.filter(
    (mention) => mention.kind === 'commune' || !mentions.some((other) => other.kind === 'commune' && other.name === mention.name && other.commune === mention.commune),
  );
}

function sameMention(a: PlaceMention, b: PlaceMention): boolean {
  return a.kind === b.kind && a.name === b.name && a.commune === b.commune;
}

function tokensOf(name: string): string[] {
  return fold(name).split(' ').filter(Boolean).map(canonicalToken);
}

function markedOf(name: string): string[] {
  return name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(markedKey);
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => {
    const lower = match[0].toLowerCase();
    return {
      start: match.index ?? 0,
      end: (match.index ?? 0) + match[0].length,
      folded: canonicalToken(fold(lower)),
      marked: markedKey(lower),
      hasMarks: stripMarks(lower) !== lower,
    };
  });
}
