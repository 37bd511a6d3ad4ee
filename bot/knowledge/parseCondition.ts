import type { Condition } from './types';

/**
 * Parser for document conditions (`if:`): question names, `not`, `and`, `or` and parentheses, with `not` binding
 * tightest, then `and`, then `or` (so `a or b and c` is `a or (b and c)`). Keywords are case-insensitive because
 * staff type them in prose; names are kept as written so they can be checked against `questions`.
 */
export type ConditionResult = { ok: true; condition: Condition } | { ok: false; error: string };

type Token = { kind: 'name' | 'not' | 'and' | 'or' | '(' | ')'; text: string };

/** Words that cannot be question names, since conditions use them as operators. */
const NAME_RULE = 'names use a-z, 0-9 and "_"; the words are not, and, or';

export const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['not', 'and', 'or']);

export function parseCondition(source: string): ConditionResult {
  const tokens = tokenize(source);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: 'the condition is empty' };
  try {
    const parser = new ConditionParser(tokens);
    return { ok: true, condition: parser.parseAll() };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Every question name a condition refers to, in order of appearance. */
export function conditionQuestions(condition: Condition): string[] {
  switch (condition.op) {
    case 'question':
      return [condition.name];
    case 'not':
      return conditionQuestions(condition.arg);
    default:
      return condition.args.flatMap(conditionQuestions);
  }
}

/** Evaluates a condition against yes/no answers; an unanswered question counts as "no". */
export function evaluateCondition(condition: Condition, answers: Readonly<Record<string, boolean>>): boolean {
  const all = Object.fromEntries(conditionQuestions(condition).map((name) => [name, answers[name] === true]));
  return evaluateOpenCondition(condition, all) === true;
}

/**
 * Three-valued: undefined while an answer the result depends on is missing (`and` is decided by any false, `or` by
 * any true). The papers check uses it to ask only the questions that can still change which papers are needed.
 */
export function evaluateOpenCondition(condition: Condition, answers: Readonly<Record<string, boolean>>): boolean | undefined {
  switch (condition.op) {
    case 'question':
      return answers[condition.name];
    case 'not': {
      const value = evaluateOpenCondition(condition.arg, answers);
      return value === undefined ? undefined : !value;
    }
    case 'and':
      return combine(condition.args.map((arg) => evaluateOpenCondition(arg, answers)), false);
    case 'or':
      return combine(condition.args.map((arg) => evaluateOpenCondition(arg, answers)), true);
  }
}

function combine(values: (boolean | undefined)[], decisive: boolean): boolean | undefined {
  if (values.includes(decisive)) return decisive;
  return values.includes(undefined) ? undefined : !decisive;
}

function tokenize(source: string): Token[] | string {
  const tokens: Token[] = [];
  for (const [, paren, word, other] of source.matchAll(/([()])|([\p{L}\p{N}_]+)|(\S)/gu)) {
    if (other !== undefined) return `unexpected "${other}" (use question names, not, and, or, parentheses)`;
    if (paren !== undefined) tokens.push({ kind: paren === '(' ? '(' : ')', text: paren });
    else {
      const token = wordToken(word);
      if (token === undefined) return `"${word}" is not a question name (${NAME_RULE})`;
      tokens.push(token);
    }
  }
  return tokens;
}

function wordToken(word: string): Token | undefined {
  const lower = word.toLowerCase();
  if (lower === 'not' || lower === 'and' || lower === 'or') return { kind: lower, text: word };
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(word) ? { kind: 'name', text: word } : undefined;
}

class ConditionSyntaxError extends Error {}

/** Recursive descent over the tokens; each level flattens chains of the same operator (`a and b and c`). */
class ConditionParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Condition {
    const condition = this.parseOr();
    const extra = this.peek();
    if (extra !== undefined) {
      const message = extra.kind === ')' ? 'unexpected ")" without a matching "("' : `unexpected "${extra.text}" (missing "and" or "or"?)`;
      throw new ConditionSyntaxError(message);
    }
    return condition;
  }

  private parseOr(): Condition {
    return this.parseChain('or', () => this.parseAnd());
  }

  private parseAnd(): Condition {
    return this.parseChain('and', () => this.parseUnary());
  }

  private parseChain(op: 'and' | 'or', parseOperand: () => Condition): Condition {
    const args = [parseOperand()];
    while (this.peek()?.kind === op) {
      this.position += 1;
      args.push(parseOperand());
    }
    return args.length === 1 ? args[0] : { op, args };
  }

  private parseUnary(): Condition {
    const token = this.next('a question name');
    if (token.kind === 'not') return { op: 'not', arg: this.parseUnary() };
    if (token.kind === 'name') return { op: 'question', name: token.text };
    if (token.kind === '(') {
      const inner = this.parseOr();
      if (this.peek()?.kind !== ')') throw new ConditionSyntaxError('missing ")"');
      this.position += 1;
      return inner;
    }
    throw new ConditionSyntaxError(`expected a question name, found "${token.text}"`);
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position];
    if (token === undefined) {
      const last = this.tokens[this.position - 1];
      throw new ConditionSyntaxError(`expected ${expected} after "${last.text}"`);
    }
    this.position += 1;
    return token;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
}
