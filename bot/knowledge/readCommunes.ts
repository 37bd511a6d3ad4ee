import { MapReader } from './mapReader';
import type { Field, ReadContext } from './readContext';
import type { Commune, CommuneDirectory } from './types';
import { readBoolean, readList, readString, readText } from './valueReaders';

/** The site.yaml key that holds the communes rather than a shared text. */
export const COMMUNES_KEY = 'communes';

export function emptyDirectory(): CommuneDirectory {
  return { checked: false, communes: [] };
}

/**
 * site.yaml `communes`: the communes formed on 1 July 2025 and the former units each absorbed, so that a citizen who
 * names a former commune is told whose desk serves it. Names are written without "xã" / "thị trấn".
 */
export function readCommunes(ctx: ReadContext, field: Field): CommuneDirectory {
  const block = MapReader.open(ctx, field);
  const directory: CommuneDirectory = {
    formerDistrict: block.optional('former_district', readString),
    checked: block.optional('checked', readBoolean) ?? false,
    communes: block.required('list', readList(readCommune, 'no commune is listed'), []),
  };
  block.finish();
  checkFormerNames(ctx, block.placeOf('list'), directory.communes);
  return directory;
}

function readCommune(ctx: ReadContext, field: Field): Commune {
  const fields = MapReader.open(ctx, field);
  const commune: Commune = {
    name: fields.required('name', readString, ''),
    formerCommunes: fields.optional('former_communes', readList(readString)) ?? [],
    formerTowns: fields.optional('former_towns', readList(readString)) ?? [],
    address: fields.optional('address', readText),
    phone: fields.optional('phone', readString),
  };
  fields.finish();
  return commune;
}

/** A former unit belongs to one new commune: listed under two, the bot could not say which desk serves it. */
function checkFormerNames(ctx: ReadContext, at: Field, communes: Commune[]): void {
  const owner = new Map<string, string>();
  for (const commune of communes) {
    for (const former of [...commune.formerCommunes, ...commune.formerTowns]) {
      const other = owner.get(former);
      if (other !== undefined && other !== commune.name) ctx.error(at, `former unit "${former}" is listed under both "${other}" and "${commune.name}"`);
      owner.set(former, commune.name);
    }
  }
}
