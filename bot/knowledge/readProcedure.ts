import { MapReader } from './mapReader';
import type { Field, ReadContext } from './readContext';
import { readChecklist } from './readChecklist';
import type { EntryCommon, Level, Online, OnlineService, ProcedureEntry, Text } from './types';
import { emptyText, NO_ENGLISH, readBoolean, readEnum, readList, readString, readText, readUrl } from './valueReaders';

export const LEVELS: readonly Level[] = ['commune', 'province', 'central'];
export const ONLINE_SERVICES: readonly OnlineService[] = ['full', 'partial', 'none'];

/** The keys of a procedure file (procedures/<id>.yaml) beyond those every entry has; see knowledge/README.md. */
export function readProcedure(ctx: ReadContext, fields: MapReader, common: EntryCommon): ProcedureEntry {
  const code = fields.optional('code', readCode) ?? null;
  const codeVerified = fields.optional('code_verified', readBoolean) ?? false;
  if (codeVerified && code === null) {
    ctx.warn(fields.placeOf('code_verified'), '"code_verified" is true but there is no "code"');
  }
  const summary = fields.required('summary', readText, emptyText());
  warnIfNoEnglish(ctx, fields, 'summary', summary);
  // Object.assign, not `{ ...common, ... }`: V8 builds a literal that starts with a spread key by key, which for
  // these 25 keys costs ~20 µs an entry (0.1 s of a 5,000-entry load).
  return Object.assign({}, common, {
    kind: 'procedure' as const,
    code,
    codeVerified,
    summary,
    agency: fields.required('agency', readText, emptyText()),
    level: fields.required('level', readEnum(LEVELS), 'commune'),
    where: fields.required('where', readText, emptyText()),
    processingTime: fields.required('processing_time', readText, emptyText()),
    citizenDeadline: fields.optional('citizen_deadline', readText),
    fee: fields.required('fee', readText, emptyText()),
    feeExemptions: fields.optional('fee_exemptions', readText),
    eligibility: fields.optional('eligibility', readText),
    ...readChecklist(ctx, fields),
    steps: fields.required('steps', readList(readText, 'the bot will have no steps to explain'), []),
    online: fields.required('online', readOnline, { service: 'none' }),
    legalBasis: fields.required('legal_basis', readList(readString), []),
  });
}

/** A missing English version is allowed (the bot says it answers in Vietnamese) but worth a staff editor's eye. */
function warnIfNoEnglish(ctx: ReadContext, fields: MapReader, key: string, text: Text): void {
  if (text.vi !== '' && text.en === undefined) {
    ctx.warn(fields.placeOf(key), `"${key}" has no English version ("en:"): ${NO_ENGLISH}`);
  }
}

function readCode(ctx: ReadContext, field: Field): string | null {
  if (typeof field.value === 'number') {
    const example = 'like code: "1.001193"';
    ctx.error(field, `"code" must be in double quotes, ${example} (unquoted, ${ctx.sourceOf(field)} loses its zeros)`);
    return null;
  }
  const code = readString(ctx, field);
  if (code !== '' && !/^\d+\.\d+$/.test(code)) {
    ctx.warn(field, `"code" "${code}" does not look like a national procedure code such as "1.001193"`);
  }
  return code === '' ? null : code;
}

function readOnline(ctx: ReadContext, field: Field): Online {
  const online = MapReader.open(ctx, field);
  const result: Online = {
    service: online.required('service', readEnum(ONLINE_SERVICES), 'none'),
    url: online.optional('url', readUrl),
    note: online.optional('note', readText),
  };
  online.finish();
  return result;
}
