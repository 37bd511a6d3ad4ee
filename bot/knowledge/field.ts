import type { YamlValue } from './yamlValue';

/** One step from a block or a list to a value in it: a key, or an item index. */
export type Step = string | number;

/**
 * One value being read, and where it is: the block or list holding it and its key or item index there (the
 * file's top level has no parent). Positions are worked out from that path only when a message needs one.
 */
export class Field {
  constructor(
    readonly value: YamlValue,
    readonly parent?: Field,
    readonly step?: Step,
  ) {}

  /** What a message calls it: `the file`, `"fee"`, `item 3 of "aliases"`. */
  get label(): string {
    if (this.parent === undefined || this.step === undefined) return 'the file';
    return typeof this.step === 'number' ? `item ${this.step + 1} of ${this.parent.label}` : `"${this.step}"`;
  }

  /** The steps from the top of the file: where it is, without holding on to the values around it. */
  get path(): Step[] {
    const steps: Step[] = [];
    for (let field: Field | undefined = this; field?.step !== undefined; field = field.parent) steps.push(field.step);
    return steps.reverse();
  }
}

/** Where a problem is, kept apart from the values read: a value (or its key when the value is empty), or a key. */
export interface Spot {
  path: readonly Step[];
  key: boolean;
}

/** A value, or a spot kept for later. */
export type Place = Field | Spot;

export function keyOf(field: Field): Spot {
  return { path: field.path, key: true };
}

export interface Position {
  line: number;
  col: number;
}
