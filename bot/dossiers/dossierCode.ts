/**
 * Dossier codes as printed on receipts of the public service portals, e.g. `000.00.20.H56-240322-0056`
 * or `H56.22-240315-0012`: dotted agency segments, then the date (yymmdd), then a serial number.
 */
const DOSSIER_CODE = /(?<![\w.-])((?:[0-9A-Z]{2,4}\.){0,5}[0-9A-Z]{2,4}-\d{6}-\d{3,6})(?![\w-])/i;

/** The first dossier code in a message, upper-cased, or null. */
export function findDossierCode(text: string): string | null {
  const match = DOSSIER_CODE.exec(text);
  return match ? match[1].toUpperCase() : null;
}
