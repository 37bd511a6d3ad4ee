import { MapReader } from './mapReader';
import type { Problem } from './problem';
import type { Field, ReadContext } from './readContext';
import { readYamlFile, type SourceFile } from './readYamlFile';
import type { Menu, MenuGroup } from './types';
import { readBilingualText, readList, readString } from './valueReaders';

export const MENU_FILE = 'menu.yaml';

/**
 * menu.yaml: the groups citizens browse when they do not know a procedure's name, and (`online`) the entry shown
 * for "Nộp trực tuyến" before any procedure was asked about. Every id must exist; an entry in no group is only a
 * warning (it can still be found by asking), an entry in two groups likewise.
 */
export function readMenu(source: SourceFile | undefined, knownIds: ReadonlySet<string>): { menu: Menu; problems: Problem[] } {
  if (source === undefined) {
    return { menu: { groups: [] }, problems: [{ file: MENU_FILE, line: 1, col: 1, severity: 'warning', message: `${MENU_FILE} is missing: the menu will list no groups` }] };
  }
  const { value: menu, ctx } = readYamlFile(source, undefined, (c, root) => readMenuFile(c, root, knownIds));
  return { menu: menu ?? { groups: [] }, problems: ctx.problems };
}

function readMenuFile(ctx: ReadContext, root: Field, knownIds: ReadonlySet<string>): Menu {
  const file = MapReader.open(ctx, root);
  const groups = file.required('groups', readList(readGroup(knownIds), 'the menu will list no groups'), []);
  const online = file.optional('online', readKnownId(knownIds));
  file.finish();
  warnUnlisted(ctx, root, groups, knownIds);
  return online === undefined ? { groups } : { groups, online };
}

function readGroup(knownIds: ReadonlySet<string>) {
  return (ctx: ReadContext, field: Field): MenuGroup => {
    const group = MapReader.open(ctx, field);
    const title = group.required('title', readBilingualText, { vi: '' });
    const entries = group.required('entries', readList(readKnownId(knownIds), 'the group is empty'), []);
    group.finish();
    return { title, entries };
  };
}

function readKnownId(knownIds: ReadonlySet<string>) {
  return (ctx: ReadContext, field: Field): string => {
    const id = readString(ctx, field);
    if (id !== '' && !knownIds.has(id)) ctx.error(field, `${field.label}: no entry has the id "${id}"`);
    return id;
  };
}

function warnUnlisted(ctx: ReadContext, root: Field, menu: MenuGroup[], knownIds: ReadonlySet<string>): void {
  const listed = menu.flatMap((group) => group.entries);
  const twice = [...new Set(listed.filter((id, i) => listed.indexOf(id) !== i))];
  const missing = [...knownIds].filter((id) => !listed.includes(id)).sort();
  if (twice.length) ctx.warn(root, `listed in two groups: ${twice.join(', ')}`);
  if (missing.length) ctx.warn(root, `in no group (citizens can still ask for them): ${missing.join(', ')}`);
}
