import { Field, type Place, type Position, type Spot } from './field';
import type { Problem, Severity } from './problem';
import type { SiteFacts } from './types';
import type { YamlPositions } from './yamlPositions';

export { Field, keyOf, type Place, type Position, type Spot, type Step } from './field';

function spotOf(place: Place): Spot {
  return place instanceof Field ? { path: place.path, key: false } : place;
}

/** Reads one YAML value into its loaded form, reporting problems to the context and returning a fallback. */
export type Reader<T> = (ctx: ReadContext, field: Field) => T;

/**
 * Everything readers share while reading one file: where problems go and how places become line:col.
 * `site` is set for entry files, so texts get their `{{site.key}}` placeholders expanded while being read;
 * it is absent while site.yaml itself is read.
 *
 * A quick context (values from the quick parse, see readYamlFile) keeps no problems: the first one only notes that
 * the file must be read again exactly, so that every message comes from the same parse as its line and column.
 */
export class ReadContext {
  readonly problems: Problem[] = [];
  private exactReadNeeded = false;

  constructor(
    readonly file: string,
    private readonly positions: YamlPositions,
    readonly site?: SiteFacts,
    private readonly quick = false,
  ) {}

  /** True when a quick read met something to report: the file is then read again exactly. */
  get needsExactRead(): boolean {
    return this.exactReadNeeded;
  }

  error(at: Place, message: string): void {
    this.report('error', at, message);
  }

  warn(at: Place, message: string): void {
    this.report('warning', at, message);
  }

  /** Reports at a source offset: parser messages and keys that are not words, which only an exact read sees. */
  reportAtOffset(severity: Severity, offset: number, message: string): void {
    if (this.quick) this.exactReadNeeded = true;
    else this.push(severity, this.positions.positionOfOffset(offset), message);
  }

  /** 1-based line and column of a place. */
  position(at: Place): Position {
    return this.positions.positionOf(spotOf(at));
  }

  /** The value as written in the file (`1.0010` for the number 1.001). */
  sourceOf(field: Field): string {
    return this.positions.sourceOf(field);
  }

  private report(severity: Severity, at: Place, message: string): void {
    if (this.quick) this.exactReadNeeded = true;
    else this.push(severity, this.position(at), message);
  }

  private push(severity: Severity, at: Position, message: string): void {
    this.problems.push({ file: this.file, line: at.line, col: at.col, severity, message });
  }
}
