import { conditionQuestions, evaluateCondition, evaluateOpenCondition, parseCondition } from '../../bot/knowledge/parseCondition';
import type { Condition } from '../../bot/knowledge/types';

const q = (name: string): Condition => ({ op: 'question', name });

function parsed(source: string): Condition {
  const result = parseCondition(source);
  if (!result.ok) throw new Error(`did not parse: ${result.error}`);
  return result.condition;
}

function failure(source: string): string {
  const result = parseCondition(source);
  if (result.ok) throw new Error(`parsed unexpectedly: ${JSON.stringify(result.condition)}`);
  return result.error;
}

describe('parseCondition', () => {
  it('reads a single question name', () => {
    expect(parsed('born_in_facility')).toEqual(q('born_in_facility'));
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(parsed('not a and b or c')).toEqual({
      op: 'or',
      args: [{ op: 'and', args: [{ op: 'not', arg: q('a') }, q('b')] }, q('c')],
    });
    expect(parsed('a or b and c')).toEqual({ op: 'or', args: [q('a'), { op: 'and', args: [q('b'), q('c')] }] });
  });

  it('lets parentheses override precedence', () => {
    expect(parsed('(a or b) and c')).toEqual({ op: 'and', args: [{ op: 'or', args: [q('a'), q('b')] }, q('c')] });
    expect(parsed('not (a or b)')).toEqual({ op: 'not', arg: { op: 'or', args: [q('a'), q('b')] } });
    expect(parsed('((a))')).toEqual(q('a'));
  });

  it('flattens chains of one operator and accepts keywords in any case', () => {
    expect(parsed('a and b AND c')).toEqual({ op: 'and', args: [q('a'), q('b'), q('c')] });
    expect(parsed('Not a')).toEqual({ op: 'not', arg: q('a') });
    expect(parsed('not not a')).toEqual({ op: 'not', arg: { op: 'not', arg: q('a') } });
  });

  it('explains what is wrong', () => {
    expect(failure('')).toBe('the condition is empty');
    expect(failure('a and')).toBe('expected a question name after "and"');
    expect(failure('a and or b')).toBe('expected a question name, found "or"');
    expect(failure('(a or b')).toBe('missing ")"');
    expect(failure('a or b)')).toBe('unexpected ")" without a matching "("');
    expect(failure('a b')).toBe('unexpected "b" (missing "and" or "or"?)');
    expect(failure('a & b')).toBe('unexpected "&" (use question names, not, and, or, parentheses)');
    expect(failure('a và b')).toBe('"và" is not a question name (names use a-z, 0-9 and "_"; the words are not, and, or)');
    expect(failure('2a')).toBe('"2a" is not a question name (names use a-z, 0-9 and "_"; the words are not, and, or)');
  });

  it('lists the questions a condition uses and evaluates it', () => {
    const condition = parsed('not born_in_facility and (has_witness or married)');
    expect(conditionQuestions(condition)).toEqual(['born_in_facility', 'has_witness', 'married']);
    expect(evaluateCondition(condition, { has_witness: true })).toBe(true);
    expect(evaluateCondition(condition, { born_in_facility: true, has_witness: true })).toBe(false);
    expect(evaluateCondition(condition, {})).toBe(false);
  });

  it('stays open while an answer that decides the result is missing', () => {
    const condition = parsed('not born_in_facility and (has_witness or married)');
    expect(evaluateOpenCondition(condition, {})).toBeUndefined();
    expect(evaluateOpenCondition(condition, { born_in_facility: true })).toBe(false);
    expect(evaluateOpenCondition(condition, { born_in_facility: false, married: true })).toBe(true);
    expect(evaluateOpenCondition(condition, { born_in_facility: false, has_witness: false })).toBeUndefined();
  });
});
