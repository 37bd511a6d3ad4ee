import { didYouMean } from './editDistance';
import { MapReader } from './mapReader';
import { CONDITION_KEYWORDS, conditionQuestions, parseCondition } from './parseCondition';
import { keyOf, type Field, type Place, type ReadContext, type Reader } from './readContext';
import type { DocumentItem, DocumentType, Text } from './types';
import { emptyText, readEnum, readList, readString, readText, readWholeNumber } from './valueReaders';

export const DOCUMENT_TYPES: readonly DocumentType[] = ['original', 'copy', 'certified_copy', 'present'];

const QUESTION_NAME = /^[a-z][a-z0-9_]*$/;

interface Question {
  name: string;
  at: Place;
  text: Text;
}

/**
 * A procedure's `questions` and `documents`, read together because document conditions must name questions,
 * and every question should be used by some condition (otherwise the bot would never need to ask it).
 */
export function readChecklist(ctx: ReadContext, fields: MapReader) {
  const questions = fields.optional('questions', readQuestions) ?? [];
  const names = new Set(questions.map((question) => question.name));
  const used = new Set<string>();
  const whenEmpty = 'the bot will say no papers are needed';
  const documents = fields.required('documents', readList(documentReader(names, used), whenEmpty), []);
  for (const question of questions) {
    if (used.has(question.name)) continue;
    ctx.warn(question.at, `question "${question.name}" is used by no condition ("if:")`);
  }
  return {
    questions: Object.fromEntries(questions.map((question) => [question.name, question.text])),
    documents,
  };
}

function readQuestions(ctx: ReadContext, field: Field): Question[] {
  return MapReader.open(ctx, field).all().map(({ key, field: value }) => {
    if (!QUESTION_NAME.test(key) || CONDITION_KEYWORDS.has(key)) {
      const rule = 'must be lower-case letters a-z, digits and "_" (not "and", "or", "not")';
      ctx.error(keyOf(value), `question name "${key}" ${rule}`);
    }
    return { name: key, at: keyOf(value), text: readText(ctx, value) };
  });
}

function documentReader(questions: ReadonlySet<string>, used: Set<string>): Reader<DocumentItem> {
  return (ctx, field) => {
    const doc = MapReader.open(ctx, field);
    const item: DocumentItem = {
      name: doc.required('name', readText, emptyText()),
      copies: doc.optional('copies', readWholeNumber) ?? 1,
      type: doc.optional('type', readEnum(DOCUMENT_TYPES)) ?? 'original',
      source: doc.optional('source', readText),
      note: doc.optional('note', readText),
      when: doc.optional('if', conditionReader(questions, used)),
    };
    doc.finish();
    return item;
  };
}

type When = NonNullable<DocumentItem['when']>;

function conditionReader(questions: ReadonlySet<string>, used: Set<string>): Reader<When> {
  return (ctx, field) => {
    const source = readString(ctx, field);
    const parsed = parseCondition(source);
    if (!parsed.ok) {
      if (source !== '') ctx.error(field, `invalid condition "${source}": ${parsed.error}`);
      // The names it mentions still count as used, so the broken condition is not reported twice.
      for (const word of source.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) used.add(word);
      return { source, condition: { op: 'and', args: [] } };
    }
    for (const name of conditionQuestions(parsed.condition)) {
      used.add(name);
      if (questions.has(name)) continue;
      ctx.error(field, `condition names no question "${name}"${unknownQuestionHint(name, questions)}`);
    }
    return { source, condition: parsed.condition };
  };
}

function unknownQuestionHint(name: string, questions: ReadonlySet<string>): string {
  if (questions.size === 0) return ' (this entry has no "questions")';
  return didYouMean(name, questions) || ` (questions: ${[...questions].join(', ')})`;
}
