import { openYamlFile, type SourceFile } from './openYamlFile';
import { Field, ReadContext } from './readContext';
import { quickLoad } from './quickYaml';
import type { SiteFacts } from './types';
import { YamlPositions } from './yamlPositions';

export type { SourceFile } from './openYamlFile';

export interface FileRead<T> {
  /** What `read` made of the file; undefined when it could not be read at all (already reported). */
  value?: T;
  /** The context of the read kept: its problems, and positions for later messages. */
  ctx: ReadContext;
}

/**
 * Reads one file with `read`, the one definition of what the file may hold. First quickly: quickLoad's plain
 * values, no positions. A file that reads without a single problem is done; any other (a problem, YAML the quick
 * parse leaves to `yaml`, a syntax error) is read again with `yaml` and positions, so every message and its
 * line:col come from the exact parse. Most files are valid, and most loads cost only the quick parse.
 */
export function readYamlFile<T>(
  source: SourceFile,
  site: SiteFacts | undefined,
  read: (ctx: ReadContext, root: Field) => T,
): FileRead<T> {
  const quick = readQuickly(source, site, read);
  if (quick !== undefined) return quick;
  const { ctx, root } = openYamlFile(source, site);
  return { value: root === undefined ? undefined : read(ctx, root), ctx };
}

function readQuickly<T>(
  source: SourceFile,
  site: SiteFacts | undefined,
  read: (ctx: ReadContext, root: Field) => T,
): FileRead<T> | undefined {
  const value = quickLoad(source.text);
  if (value === undefined) return undefined;
  const ctx = new ReadContext(source.path, new YamlPositions(source.text), site, true);
  const result = read(ctx, new Field(value));
  return ctx.needsExactRead ? undefined : { value: result, ctx };
}
