import { parse } from 'csv-parse/sync';
import { DOSSIER_FIELDS } from './dossier';
import { countOutcomes, DossierIngest, IngestReport } from './dossierIngest';

/** A CSV file that cannot be read as a whole (no header, broken quoting...). */
export class CsvFileError extends Error {}

export interface CsvRow {
  /** 1-based line in the file (where the row ends, for a cell spanning lines). */
  line: number;
  record: Record<string, string>;
}

/**
 * Reads a CSV export with a header line naming the fields (the same names as the push API). Comma or semicolon
 * separated (spreadsheets in Vietnamese settings write semicolons), UTF-8 with or without a byte order mark.
 */
export function readCsv(text: string): { rows: CsvRow[]; unknownColumns: string[] } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new CsvFileError((error as Error).message);
  }
  const columns = firstLine.replace(/^\uFEFF/, '').split(delimiter).map((name) => name.trim().replace(/^"|"$/g, ''));
  for (const required of ['code', 'status']) {
    if (!columns.includes(required)) throw new CsvFileError(`the header line has no "${required}" column (columns: ${DOSSIER_FIELDS.join(', ')})`);
  }
  const unknownColumns = columns.filter((name) => name !== '' && !(DOSSIER_FIELDS as readonly string[]).includes(name));
  const rows = parsed.map(({ record, info }) => ({ line: info.lines, record: known(record) }));
  return { rows, unknownColumns };
}

/** Validates and saves every row; the report says which lines were taken and why others were not. */
export async function importCsv(text: string, ingest: DossierIngest): Promise<{ report: IngestReport; unknownColumns: string[] }> {
  const { rows, unknownColumns } = readCsv(text);
  const report = await ingest.save(rows.map((row) => ({ position: row.line, input: row.record })), 'import');
  return { report, unknownColumns };
}

/** The import report for staff, one line per rejected row. */
export function formatImportReport(file: string, report: IngestReport, unknownColumns: string[]): string[] {
  const counts = countOutcomes(report);
  const lines = [
    `${file}: ${rows(report.accepted.length)} accepted (${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged), ${report.rejected.length} rejected`,
  ];
  if (unknownColumns.length > 0) lines.push(`ignored columns (not dossier fields): ${unknownColumns.join(', ')}`);
  for (const row of report.rejected) {
    lines.push(`line ${row.position}${row.code ? ` (${row.code})` : ''}: ${row.problems.join('; ')}`);
  }
  return lines;
}

/** Only the dossier fields of a row, and empty cells left out (an empty cell means "not given"). */
function known(record: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const field of DOSSIER_FIELDS) {
    const value = record[field];
    if (value !== undefined && value !== '') result[field] = value;
  }
  return result;
}

function rows(n: number): string {
  return `${n} ${n === 1 ? 'row' : 'rows'}`;
}
