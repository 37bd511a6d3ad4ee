/**
 * The shape of the knowledge base once loaded and validated. Plain TypeScript: no botbuilder types here,
 * so the knowledge code can move with the bot to another SDK untouched.
 *
 * In the YAML, any text may be plain Vietnamese or a `{vi, en}` pair; the loader turns both into `Text`.
 */

import type { LanguageData } from './languageData';

export type Locale = 'vi' | 'en';

/** A sentence or paragraph in Vietnamese, with an English version when staff wrote one. */
export interface Text {
  vi: string;
  en?: string;
}

export type Level = 'commune' | 'province' | 'central';
export type DocumentType = 'original' | 'copy' | 'certified_copy' | 'present';
export type OnlineService = 'full' | 'partial' | 'none';
export type { Aspect } from './languageData';

/** A parsed `if:` condition over the entry's named yes/no questions. */
export type Condition =
  | { op: 'question'; name: string }
  | { op: 'not'; arg: Condition }
  | { op: 'and' | 'or'; args: Condition[] };

export interface DocumentItem {
  name: Text;
  copies: number;
  type: DocumentType;
  /** Where the citizen gets this paper (shown when it is missing, or when they do not know). */
  source?: Text;
  note?: Text;
  /** The condition as written by staff, and parsed. */
  when?: { source: string; condition: Condition };
}

export interface Faq {
  q: Text;
  a: Text;
}

export interface Link {
  title: Text;
  url: string;
}

export interface Online {
  service: OnlineService;
  /** A link to this procedure; when absent the bot points at the portal and the title to search for. */
  url?: string;
  note?: Text;
}

/** Where a fact was read, for staff (never shown to citizens): a web address and/or a title, and a date. */
export interface Source {
  url?: string;
  title?: string;
  /** As precise as the source shows it: `2025`, `2025-09` or `2025-09-11`. */
  date: string;
}

interface EntryBase {
  id: string;
  title: Text;
  aliases: string[];
  field?: Text;
  related: string[];
  caution?: Text;
  /** Where to confirm what `caution` says ("the commune police"...); the bot says "where you file" without it. */
  askAt?: Text;
  faq: Faq[];
  /** The day staff last checked the entry's facts against its sources (`YYYY-MM-DD`), for `kb:check --stale`. */
  updated?: string;
  sources: Source[];
  /** The file it came from, relative to the knowledge folder, for messages and for staff. */
  file: string;
}

export interface ProcedureEntry extends EntryBase {
  kind: 'procedure';
  code: string | null;
  codeVerified: boolean;
  summary: Text;
  agency: Text;
  level: Level;
  where: Text;
  processingTime: Text;
  citizenDeadline?: Text;
  fee: Text;
  feeExemptions?: Text;
  eligibility?: Text;
  questions: Record<string, Text>;
  documents: DocumentItem[];
  steps: Text[];
  online: Online;
  legalBasis: string[];
}

export interface TopicEntry extends EntryBase {
  kind: 'topic';
  answer: Text[];
  links: Link[];
  followUps: Text[];
}

export type Entry = ProcedureEntry | TopicEntry;

/** The fields every entry has, procedure or topic. */
export type EntryCommon = Pick<
  EntryBase,
  'id' | 'title' | 'aliases' | 'field' | 'related' | 'caution' | 'askAt' | 'faq' | 'updated' | 'sources' | 'file'
>;

/** Facts many entries share, written once in knowledge/site.yaml and referenced as {{site.key}}. */
export type SiteFacts = Record<string, Text>;

/** A commune formed on 1 July 2025, with the former units it absorbed (site.yaml `communes`). */
export interface Commune {
  /** The name without the word "xã": "Tây Đô". */
  name: string;
  formerCommunes: string[];
  formerTowns: string[];
  /** Its one-stop desk's address and phone, once verified. */
  address?: Text;
  phone?: string;
}

/** The communes of the area the bot serves, so a citizen naming a former commune learns whose desk serves it. */
export interface CommuneDirectory {
  /** The former district they were formed from ("Vĩnh Lộc"), if any. */
  formerDistrict?: string;
  /** True once staff checked which former units each commune absorbed against the official resolution. */
  checked: boolean;
  communes: Commune[];
}

/** A group of the browsing menu (menu.yaml). */
export interface MenuGroup {
  title: Text;
  entries: string[];
}

/** menu.yaml: the groups citizens browse, and the entry that explains applying online in general. */
export interface Menu {
  groups: MenuGroup[];
  online?: string;
}

/** Everything loaded from one knowledge folder, immutable once built. */
export interface KnowledgeBase {
  entries: Entry[];
  byId: ReadonlyMap<string, Entry>;
  site: SiteFacts;
  /** site.yaml `communes`: the new communes and the former units each absorbed (empty when not written). */
  communes: CommuneDirectory;
  /** lexicon.yaml and intents.yaml: what the bot understands besides the entries. */
  language: LanguageData;
  /** menu.yaml: the groups citizens browse. */
  menu: Menu;
  /** Short content hash of every file, so /healthz shows which version is served. */
  version: string;
  loadedAt: Date;
}
