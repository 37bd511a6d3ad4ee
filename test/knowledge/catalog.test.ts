import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';

/** A copy of shared/kb-catalog.yaml: the entries the starter knowledge base must hold, under exactly these ids. */
const CATALOG = path.resolve(__dirname, '../fixtures/kb-catalog.yaml');
const KNOWLEDGE = path.resolve(__dirname, '../../knowledge');

interface CatalogEntry {
  id: string;
  kind: 'procedure' | 'topic';
  en: string;
}

describe('the starter knowledge base', () => {
  const catalog = (parse(readFileSync(CATALOG, 'utf8')) as { entries: CatalogEntry[] }).entries;
  const { kb, problems } = loadKnowledge(KNOWLEDGE);

  it('loads without errors', () => {
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('holds every catalog entry under its id and kind, and nothing else', () => {
    expect(kb?.entries.map((entry) => `${entry.kind}:${entry.id}`).sort()).toEqual(catalog.map((entry) => `${entry.kind}:${entry.id}`).sort());
  });

  it('gives every entry an English title and summary or answer', () => {
    for (const entry of kb?.entries ?? []) {
      expect({ id: entry.id, title: Boolean(entry.title.en) }).toEqual({ id: entry.id, title: true });
      const english = entry.kind === 'procedure' ? entry.summary.en : entry.answer.every((paragraph) => paragraph.en);
      expect({ id: entry.id, english: Boolean(english) }).toEqual({ id: entry.id, english: true });
    }
  });

  it('never marks an unverified procedure code as verified', () => {
    for (const entry of kb?.entries ?? []) {
      if (entry.kind === 'procedure') expect({ id: entry.id, verified: entry.codeVerified }).toEqual({ id: entry.id, verified: false });
    }
  });
});
