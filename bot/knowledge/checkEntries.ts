import { didYouMean } from './editDistance';
import type { Problem } from './problem';
import type { EntryDraft, Located } from './readEntry';

/**
 * Checks that need every entry at once: ids are unique, an alias (compared folded, so with or without tone marks)
 * belongs to one entry only, and `related` names existing ids. Entries come in file order, so "the second
 * occurrence" is stable from run to run. `knownIds` also holds the ids of files that could not be read, so a
 * broken file does not make every link to it an error too.
 */
export function checkEntries(drafts: readonly EntryDraft[], knownIds: ReadonlySet<string>): Problem[] {
  return [...checkDuplicateIds(drafts), ...checkSharedAliases(drafts), ...checkRelated(drafts, knownIds)];
}

function checkDuplicateIds(drafts: readonly EntryDraft[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, EntryDraft>();
  for (const draft of drafts) {
    const id = draft.id.value;
    if (id === '') continue;
    const other = first.get(id);
    if (other === undefined) first.set(id, draft);
    else problems.push(problemAt(draft, draft.id, `duplicate id "${id}" (also in ${where(other, other.id)})`));
  }
  return problems;
}

function checkSharedAliases(drafts: readonly EntryDraft[]): Problem[] {
  const problems: Problem[] = [];
  const owners = new Map<string, { draft: EntryDraft; alias: Located }>();
  for (const draft of drafts) {
    for (const alias of draft.aliases) {
      const owner = owners.get(alias.folded);
      if (owner === undefined) owners.set(alias.folded, { draft, alias });
      else if (owner.draft.id.value !== draft.id.value) {
        const other = `${owner.draft.id.value} (${where(owner.draft, owner.alias)})`;
        problems.push(problemAt(draft, alias, `alias "${alias.value}" is also used by ${other}`));
      }
    }
  }
  return problems;
}

function checkRelated(drafts: readonly EntryDraft[], knownIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const draft of drafts) {
    for (const related of draft.related) {
      if (related.value === '' || knownIds.has(related.value)) continue;
      const hint = didYouMean(related.value, knownIds);
      problems.push(problemAt(draft, related, `"related" names "${related.value}", which is not the id of any entry${hint}`));
    }
  }
  return problems;
}

function problemAt(draft: EntryDraft, at: Located, message: string): Problem {
  return { file: draft.entry.file, ...draft.position(at), severity: 'error', message };
}

function where(draft: EntryDraft, at: Located): string {
  const { line, col } = draft.position(at);
  return `${draft.entry.file}:${line}:${col}`;
}
