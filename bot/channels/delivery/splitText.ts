/**
 * Splits a text into parts of at most `max` characters (counted after NFC, as the platforms count), cutting at
 * the last paragraph break, else line break, else sentence end, else space before the limit; a single word longer
 * than the limit is cut where it must be. Parts are trimmed; empty parts are dropped.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.normalize('NFC').trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Where to cut: just after the best break within the first `max` characters (never in the first third). */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max / 3);
  for (const separator of ['\n\n', '\n', '. ', '; ', ', ', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at >= floor && at + separator.length <= max + 1) return Math.min(at + separator.length, max);
  }
  // No break: cut at max, but not between the two halves of a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** Shortens a title to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  const value = text.normalize('NFC').trim();
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}
