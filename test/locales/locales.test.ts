import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import en from '../../bot/locales/en.json';
import vi from '../../bot/locales/vi.json';

const ROOT = path.resolve(__dirname, '../..');

/** Every `t('key')` / `t(\`key\`)` in the code, with template parts expanded to the values they can take. */
function keysUsedInCode(): string[] {
  const files = ['dialogs', 'bot'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  const keys = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*(?:[a-zA-Z.]+,\s*)?['`]([a-zA-Z.]+)['`]/g)) keys.add(match[1]);
  }
  return [...keys];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function leaves(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function has(tree: object, key: string): boolean {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  return value !== undefined;
}

describe('locales', () => {
  it('every sentence the code asks for exists in Vietnamese and English', () => {
    const used = keysUsedInCode();
    expect(used.length).toBeGreaterThan(40);
    // The note that English is missing is only ever said in English.
    expect(used.filter((key) => !has(vi, key))).toEqual(['answer.englishMissing']);
    expect(used.filter((key) => !has(en, key))).toEqual([]);
  });

  it('Vietnamese and English have the same sentences (English may add its own notes)', () => {
    const english = new Set(leaves(en));
    expect(leaves(vi).filter((key) => !english.has(key))).toEqual([]);
    expect(leaves(en).filter((key) => !has(vi, key))).toEqual(['answer.englishMissing']);
  });
});
