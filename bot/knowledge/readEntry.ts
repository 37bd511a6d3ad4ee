import { fold } from '../text/fold';
import { MapReader } from './mapReader';
import type { Problem } from './problem';
import type { Field, Position, ReadContext, Spot } from './readContext';
import { readProcedure } from './readProcedure';
import { readTopic } from './readTopic';
import { readYamlFile, type SourceFile } from './readYamlFile';
import { readSource, readUpdated } from './readSources';
import type { Entry, EntryCommon, Faq, SiteFacts } from './types';
import { emptyText, readBilingualText, readList, readString, readText } from './valueReaders';

/** A value together with where it was written, for messages that compare entries. */
export interface Located extends Spot {
  value: string;
}

/** An entry read from one file, with what the checks across files need to point at the right line. */
export interface EntryDraft {
  entry: Entry;
  id: Located;
  aliases: Array<Located & { folded: string }>;
  related: Located[];
  /** Line and column of a value of this entry, worked out when a message needs it. */
  position(at: Located): Position;
}

export interface EntryRead {
  draft?: EntryDraft;
  problems: Problem[];
}

export type { EntryCommon } from './types';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Reads and checks one entry file; the kind comes from its folder, `{{site.key}}` is expanded from `site`
 * (left as written, unchecked, when site.yaml could not be read).
 */
export function readEntryFile(source: SourceFile, kind: Entry['kind'], site: SiteFacts | undefined): EntryRead {
  const { value: draft, ctx } = readYamlFile(source, site, (c, root) => readEntry(c, root, kind, source.path));
  return { draft, problems: ctx.problems };
}

function readEntry(ctx: ReadContext, root: Field, kind: Entry['kind'], file: string): EntryDraft | undefined {
  const fields = MapReader.open(ctx, root);
  if (!fields.isBlock) return undefined;
  const { common, refs } = readCommon(ctx, fields, file);
  const entry = kind === 'procedure' ? readProcedure(ctx, fields, common) : readTopic(ctx, fields, common);
  fields.finish();
  return { entry, ...refs, position: (at) => ctx.position(at) };
}

function readCommon(ctx: ReadContext, fields: MapReader, file: string) {
  const id: Located = { value: fields.required('id', readId, ''), path: fields.placeOf('id').path, key: false };
  const whenNoAlias = 'citizens will find this entry only by its title';
  const aliases = fields.required('aliases', readList(readLocated, whenNoAlias), []);
  const related = fields.optional('related', readList(readLocated)) ?? [];
  const common: EntryCommon = {
    id: id.value,
    title: fields.required('title', readBilingualText, emptyText()),
    aliases: aliases.map((alias) => alias.value),
    field: fields.optional('field', readText),
    related: related.map((item) => item.value),
    caution: fields.optional('caution', readText),
    askAt: fields.optional('ask_at', readText),
    faq: fields.optional('faq', readList(readFaq)) ?? [],
    updated: fields.optional('updated', readUpdated),
    sources: fields.optional('sources', readList(readSource)) ?? [],
    file,
  };
  checkId(ctx, fields, id.value, file);
  checkStaffNotes(ctx, fields, common);
  checkRelated(ctx, related, id.value);
  return { common, refs: { id, aliases: foldAliases(ctx, aliases), related } };
}

function readId(ctx: ReadContext, field: Field): string {
  const id = readString(ctx, field);
  if (id !== '' && !ID_PATTERN.test(id)) {
    const rule = 'may only use lower-case letters a-z, digits and "-" (no tone marks, no spaces)';
    ctx.error(field, `id "${id}" ${rule}`);
  }
  return id;
}

function checkId(ctx: ReadContext, fields: MapReader, id: string, file: string): void {
  const fileId = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  if (id !== '' && id !== fileId) {
    const message = `id "${id}" does not match the file name "${fileId}.yaml": rename the file or fix the id`;
    ctx.error(fields.placeOf('id'), message);
  }
}

/** What staff need to keep an entry right: when it was last checked, against what, and where a doubt is settled. */
function checkStaffNotes(ctx: ReadContext, fields: MapReader, common: EntryCommon): void {
  if (common.updated === undefined && !fields.has('updated')) {
    ctx.warn(fields.placeOf('id'), 'no "updated": write the day its facts were last checked, like updated: 2026-12-01 (kb:check --stale lists old ones)');
  }
  if (common.sources.length === 0 && !fields.has('sources')) {
    ctx.warn(fields.placeOf('id'), 'no "sources": list where its facts come from (url or title, and date)');
  }
  if (common.caution !== undefined && common.askAt === undefined) {
    const fallback = 'the bot will tell citizens to ask "where you file"';
    ctx.warn(fields.placeOf('caution'), `"caution" has no "ask_at" (the office that can confirm it): ${fallback}`);
  }
}

function checkRelated(ctx: ReadContext, related: Located[], id: string): void {
  for (const item of related) {
    if (item.value === id) ctx.warn(item, '"related" names this entry itself');
  }
}

function foldAliases(ctx: ReadContext, aliases: Located[]): EntryDraft['aliases'] {
  const seen = new Map<string, string>();
  const folded: EntryDraft['aliases'] = [];
  for (const alias of aliases) {
    const key = fold(alias.value);
    const twin = seen.get(key);
    if (key === '') ctx.error(alias, `alias "${alias.value}" has no letters or digits`);
    else if (twin !== undefined) {
      ctx.warn(alias, `alias "${alias.value}" is listed twice (same as "${twin}")`);
    }
    else folded.push({ value: alias.value, path: alias.path, key: false, folded: key });
    if (twin === undefined) seen.set(key, alias.value);
  }
  return folded;
}

function readLocated(ctx: ReadContext, field: Field): Located {
  return { value: readString(ctx, field), path: field.path, key: false };
}

function readFaq(ctx: ReadContext, field: Field): Faq {
  const pair = MapReader.open(ctx, field);
  const faq = { q: pair.required('q', readText, emptyText()), a: pair.required('a', readText, emptyText()) };
  pair.finish();
  return faq;
}
