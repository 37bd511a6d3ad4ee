/**
 * The small JSON path language of the connector's field mapping: `$.data.MaHoSo`, `data.items[0].status`,
 * `result.GiayToBoSung[*].TenGiayTo` (a list). The leading `$.` is optional. Nothing else is needed to read one
 * record out of an answer, and a mistake is reported when the configuration is read.
 */
type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' };

export class JsonPath {
  private constructor(
    readonly source: string,
    private readonly steps: Step[],
  ) {}

  /** Throws a JsonPathError naming the problem. */
  static parse(source: string): JsonPath {
    const text = source.trim().replace(/^\$\.?/, '');
    const steps: Step[] = [];
    const pattern = /\.?([^.[\]]+)|\[(\d+|\*)\]|\["([^"]+)"\]/gy;
    let match: RegExpExecArray | null;
    while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
      if (match[1] !== undefined) steps.push({ kind: 'key', key: match[1] });
      else if (match[2] === '*') steps.push({ kind: 'all' });
      else if (match[2] !== undefined) steps.push({ kind: 'index', index: Number(match[2]) });
      else steps.push({ kind: 'key', key: match[3] });
    }
    if (pattern.lastIndex < text.length || steps.length === 0) {
      throw new JsonPathError(`"${source}" is not a path (write it like $.data.MaHoSo or data.items[0].status)`);
    }
    return new JsonPath(source, steps);
  }

  /** The value at the path, an array when the path has `[*]`, undefined when the answer has nothing there. */
  read(value: unknown): unknown {
    return walk(value, this.steps);
  }
}

export class JsonPathError extends Error {}

function walk(value: unknown, steps: Step[]): unknown {
  if (steps.length === 0) return value;
  const [step, ...rest] = steps;
  if (step.kind === 'all') {
    if (!Array.isArray(value)) return undefined;
    return value.map((item) => walk(item, rest)).filter((item) => item !== undefined && item !== null);
  }
  if (step.kind === 'index') return Array.isArray(value) ? walk(value[step.index], rest) : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, step.key)) return walk(record[step.key], rest);
  // One-stop systems are not consistent about case (MaHoSo, maHoSo): fall back to a case-blind match.
  const key = Object.keys(record).find((k) => k.toLowerCase() === step.key.toLowerCase());
  return key === undefined ? undefined : walk(record[key], rest);
}
