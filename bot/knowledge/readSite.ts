import { MapReader } from './mapReader';
import type { Problem } from './problem';
import type { Field, ReadContext } from './readContext';
import { readYamlFile, type SourceFile } from './readYamlFile';
import { COMMUNES_KEY, emptyDirectory, readCommunes } from './readCommunes';
import type { CommuneDirectory, SiteFacts, Text } from './types';
import { readText } from './valueReaders';

export const SITE_FILE = 'site.yaml';

const NO_HOTLINE = 'the bot will tell citizens to ask at the desk instead';

/**
 * site.yaml: shared facts, each a text, referenced elsewhere as `{{site.key}}`. `site` is undefined when the file
 * is missing or is not valid YAML: that one error is reported, and placeholders elsewhere go unchecked rather
 * than each repeating it.
 */
export function readSite(source: SourceFile | undefined): { site?: SiteFacts; communes: CommuneDirectory; problems: Problem[] } {
  if (source === undefined) {
    const message = `${SITE_FILE} is missing: it holds the shared facts ({{site.desk}}, {{site.hotline}}...)`;
    return { communes: emptyDirectory(), problems: [{ file: SITE_FILE, line: 1, col: 1, severity: 'error', message }] };
  }
  const { value, ctx } = readYamlFile(source, undefined, readFacts);
  return { site: value?.site, communes: value?.communes ?? emptyDirectory(), problems: ctx.problems };
}

function readFacts(ctx: ReadContext, root: Field): { site: SiteFacts; communes: CommuneDirectory } {
  const facts = MapReader.open(ctx, root).all();
  const communes = facts.find(({ key }) => key === COMMUNES_KEY);
  const texts = facts.filter(({ key }) => key !== COMMUNES_KEY);
  const site: SiteFacts = Object.fromEntries(texts.map(({ key, field }) => [key, readFact(ctx, key, field)]));
  if (!Object.hasOwn(site, 'hotline')) {
    ctx.warn(root, `no "hotline": ${NO_HOTLINE}`);
  }
  return { site, communes: communes ? readCommunes(ctx, communes.field) : emptyDirectory() };
}

function readFact(ctx: ReadContext, key: string, field: Field): Text {
  if (field.value === null || field.value === '') {
    const consequence = key === 'hotline' ? NO_HOTLINE : 'texts using it will have a gap';
    ctx.warn(field, `"${key}" is empty: ${consequence}`);
    return { vi: '' };
  }
  const text = readText(ctx, field);
  if (text.vi.includes('{{') || text.en?.includes('{{')) {
    ctx.warn(field, `"${key}": placeholders are not expanded inside ${SITE_FILE}`);
  }
  return text;
}
