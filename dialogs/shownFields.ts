import { ASPECTS, emptyLanguageData } from '../bot/knowledge/languageData';
import type { Entry, KnowledgeBase, ProcedureEntry, Text, TopicEntry } from '../bot/knowledge/types';
import { createDossiers, DEFAULT_DOSSIER_OPTIONS } from '../bot/dossiers/createDossiers';
import { silentLogger } from '../bot/logger';
import { Understander } from '../bot/understanding/understander';
import { answerEntry, answerFaq } from './answerFlow';
import { checklistFlow } from './checklistFlow';
import type { ChecklistProgress } from './checklistProgress';
import { NOT_MINE } from './flow';
import type { I18n, KnowledgeSnapshot } from './services';
import { openTurn, type Turn } from './turn';

/**
 * Which fields of the knowledge format reach citizens. Every field of an entry is listed here (the types make the
 * lists complete): either exempt, with the reason, or probed. A probe entry gets a marker in that field, every
 * answer the bot can give about it is rendered (overview, each aspect, each FAQ, the whole papers check, related
 * entries, links), and the field counts as shown when its marker appears. kb:check warns about a field that staff
 * filled in but no answer shows, so content is never checked and then silently ignored.
 */
type Probe<E> = { yaml: string; set: (entry: E, marker: Text) => void; has: (entry: E) => boolean } | { exempt: string };
/** A field, or the parts of a field (each paper's name, source and note) probed one by one. */
type Probes<E> = Probe<E> | readonly Probe<E>[];

const EXEMPT_FIND = { exempt: 'used to find the entry (understanding), not to answer' };

const COMMON = {
  id: { exempt: 'the entry\'s name in files and links' },
  file: { exempt: 'where the entry came from, for messages to staff' },
  aliases: EXEMPT_FIND,
  field: EXEMPT_FIND,
  kind: { exempt: 'procedure or topic: the folder it is in' },
  title: { yaml: 'title', set: (e: Entry, m: Text) => (e.title = m), has: () => true },
  caution: { yaml: 'caution', set: (e: Entry, m: Text) => (e.caution = m), has: (e: Entry) => Boolean(e.caution?.vi) },
  askAt: { yaml: 'ask_at', set: (e: Entry, m: Text) => ((e.caution = { vi: 'caution' }), (e.askAt = m)), has: (e: Entry) => Boolean(e.askAt?.vi) },
  updated: { exempt: 'for staff: the day the facts were last checked (kb:check --stale)' },
  sources: { exempt: 'for staff: where the facts come from' },
  faq: [
    { yaml: 'faq (q)', set: (e: Entry, m: Text) => (e.faq = [{ q: m, a: { vi: 'a' } }]), has: (e: Entry) => e.faq.length > 0 },
    { yaml: 'faq (a)', set: (e: Entry, m: Text) => (e.faq = [{ q: { vi: 'q' }, a: m }]), has: (e: Entry) => e.faq.length > 0 },
  ],
  related: { yaml: 'related', set: (e: Entry) => (e.related = [RELATED_ID]), has: (e: Entry) => e.related.length > 0 },
} as const;

const PROCEDURE_FIELDS: Record<keyof ProcedureEntry, Probes<ProcedureEntry>> = {
  ...COMMON,
  code: { yaml: 'code', set: (e, m) => ((e.code = m.vi), (e.codeVerified = true)), has: (e) => e.code !== null && e.codeVerified },
  codeVerified: { exempt: 'says whether `code` may be shown' },
  summary: text('summary', (e) => e.summary, (e, m) => (e.summary = m)),
  agency: text('agency', (e) => e.agency, (e, m) => (e.agency = m)),
  level: { yaml: 'level', set: (e) => (e.level = 'province'), has: () => true },
  where: text('where', (e) => e.where, (e, m) => (e.where = m)),
  processingTime: text('processing_time', (e) => e.processingTime, (e, m) => (e.processingTime = m)),
  citizenDeadline: text('citizen_deadline', (e) => e.citizenDeadline, (e, m) => (e.citizenDeadline = m)),
  fee: text('fee', (e) => e.fee, (e, m) => (e.fee = m)),
  feeExemptions: text('fee_exemptions', (e) => e.feeExemptions, (e, m) => (e.feeExemptions = m)),
  eligibility: text('eligibility', (e) => e.eligibility, (e, m) => (e.eligibility = m)),
  questions: {
    yaml: 'questions',
    set: (e, m) => ((e.questions = { q: m }), (e.documents = [{ name: { vi: 'paper' }, copies: 1, type: 'original', when: CONDITION }])),
    has: (e) => Object.keys(e.questions).length > 0,
  },
  documents: [
    { yaml: 'documents (name)', set: (e, m) => (e.documents = [paper({ name: m })]), has: (e) => e.documents.length > 0 },
    { yaml: 'documents (source)', set: (e, m) => (e.documents = [paper({ source: m })]), has: (e) => e.documents.some((d) => d.source) },
    { yaml: 'documents (note)', set: (e, m) => (e.documents = [paper({ note: m })]), has: (e) => e.documents.some((d) => d.note) },
    { yaml: 'documents (if)', set: (e, m) => (e.documents = [paper({ name: m, when: CONDITION })]), has: (e) => e.documents.some((d) => d.when) },
  ],
  steps: { yaml: 'steps', set: (e, m) => (e.steps = [m]), has: (e) => e.steps.length > 0 },
  online: [
    { yaml: 'online (note)', set: (e, m) => (e.online = { service: 'partial', note: m }), has: (e) => Boolean(e.online.note) },
    { yaml: 'online (url)', set: (e, m) => (e.online = { service: 'full', url: `https://probe.invalid/${m.vi}` }), has: (e) => Boolean(e.online.url) },
  ],
  legalBasis: { yaml: 'legal_basis', set: (e, m) => (e.legalBasis = [m.vi]), has: (e) => e.legalBasis.length > 0 },
};

const TOPIC_FIELDS: Record<keyof TopicEntry, Probes<TopicEntry>> = {
  ...COMMON,
  answer: { yaml: 'answer', set: (e, m) => (e.answer = [m]), has: (e) => e.answer.length > 0 },
  links: [
    { yaml: 'links (title)', set: (e, m) => (e.links = [{ title: m, url: 'https://probe.invalid/' }]), has: (e) => e.links.length > 0 },
    { yaml: 'links (url)', set: (e, m) => (e.links = [{ title: { vi: 'link' }, url: `https://probe.invalid/${m.vi}` }]), has: (e) => e.links.length > 0 },
  ],
  followUps: { yaml: 'follow_ups', set: (e, m) => (e.followUps = [m]), has: (e) => e.followUps.length > 0 },
};

const RELATED_ID = 'probe-related';
const CONDITION = { source: 'q', condition: { op: 'question' as const, name: 'q' } };

/** A field of an entry file that staff filled in somewhere and that no answer shows. */
export interface UnshownField {
  kind: Entry['kind'];
  yaml: string;
  /** Files that fill it in. */
  files: string[];
}

/** The fields filled in by some entry of `kb` that no answer shows. */
export async function unshownFields(kb: Pick<KnowledgeBase, 'entries'>, i18n: I18n): Promise<UnshownField[]> {
  const shown = await shownFields(i18n);
  const found: UnshownField[] = [];
  for (const { kind, probe } of probes()) {
    if (shown.has(`${kind}.${probe.yaml}`)) continue;
    const files = kb.entries.filter((entry) => entry.kind === kind && probe.has(entry as never)).map((entry) => entry.file);
    if (files.length) found.push({ kind, yaml: probe.yaml, files });
  }
  return found;
}

/** `procedure.fee`, `topic.links (url)`...: the probed fields (by their YAML names) whose marker some answer shows. */
export async function shownFields(i18n: I18n): Promise<Set<string>> {
  const shown = new Set<string>();
  const plain = { procedure: await renderAll('procedure', () => undefined, i18n), topic: await renderAll('topic', () => undefined, i18n) };
  for (const [i, { kind, probe }] of probes().entries()) {
    const marker = `⟦${i}⟧`;
    const output = await renderAll(kind, (entry) => probe.set(entry as never, { vi: marker, en: marker }), i18n, marker);
    // `level` is a choice, not a text: it is shown when choosing another value changes what the bot says.
    if (probe.yaml === 'level' ? output !== plain[kind] : output.includes(marker)) shown.add(`${kind}.${probe.yaml}`);
  }
  return shown;
}

type Probed = { yaml: string; set: (entry: Entry, marker: Text) => void; has: (entry: Entry) => boolean };

function probes(): { kind: Entry['kind']; probe: Probed }[] {
  const list: { kind: Entry['kind']; probe: Probed }[] = [];
  for (const [kind, fields] of [['procedure', PROCEDURE_FIELDS], ['topic', TOPIC_FIELDS]] as const) {
    for (const value of Object.values(fields) as Probes<Entry>[]) {
      for (const probe of Array.isArray(value) ? value : [value]) if (!('exempt' in probe)) list.push({ kind, probe });
    }
  }
  return list;
}

/** Everything the bot can say about one probe entry, as one string; a related entry is titled `relatedTitle`. */
async function renderAll(kind: Entry['kind'], fill: (entry: Entry) => void, i18n: I18n, relatedTitle = 'related'): Promise<string> {
  const entry = kind === 'procedure' ? probeProcedure() : probeTopic();
  fill(entry);
  const related: TopicEntry = { ...probeTopic(), id: RELATED_ID, title: { vi: relatedTitle, en: relatedTitle } };
  const kb = { entries: [entry, related], byId: new Map<string, Entry>([[entry.id, entry], [RELATED_ID, related]]), site: {}, menu: { groups: [] } };
  const snapshot: KnowledgeSnapshot = { kb: kb as unknown as KnowledgeBase, understander: understanderFor(kb.entries) };
  const outputs: string[] = [];
  const view = async (show: (turn: Turn) => void | Promise<void>) => {
    const turn = probeTurn(snapshot, i18n);
    await show(turn);
    const content = turn.reply.content(turn.reply.buttons.map(() => ''));
    outputs.push(...content.blocks.map((block) => (block.kind === 'text' ? block.text : [block.title, ...block.items].join('\n'))));
    outputs.push(content.prompt ?? '', ...content.buttons.map((button) => button.title), ...content.links.flatMap((link) => [link.title, link.url]));
  };
  for (const aspect of [undefined, ...ASPECTS]) await view((turn) => answerEntry(turn, entry, aspect));
  for (const index of entry.faq.keys()) await view((turn) => answerFaq(turn, entry, index));
  if (entry.kind === 'procedure') await renderChecklist(entry, view);
  return outputs.join('\n');
}

/** The whole papers check: every question and paper, "not sure" on each (where to get it), then the summary. */
async function renderChecklist(entry: ProcedureEntry, view: (show: (turn: Turn) => Promise<void>) => Promise<void>): Promise<void> {
  let state: ChecklistProgress | null = null;
  await view(async (turn) => {
    const step = await checklistFlow.start(turn, { entryId: entry.id });
    state = step.kind === 'waiting' ? step.state : null;
  });
  // "Not sure" then "no" to every step: each question, each paper's source, and a summary with what is missing.
  for (let i = 0; state && i < 3 * (entry.documents.length + Object.keys(entry.questions).length + 1); i++) {
    const current: ChecklistProgress = state;
    await view(async (turn) => {
      const step = await checklistFlow.reply(turn, current, i % 2 === 0 ? 'unknown' : 'no');
      state = step === NOT_MINE ? null : step.kind === 'waiting' ? step.state : null;
    });
  }
}

/** The understanding of the probe base, built once: answers and the papers check only ever normalise a text. */
let probeUnderstander: Understander | undefined;
function understanderFor(entries: Entry[]): Understander {
  probeUnderstander ??= new Understander({ entries, language: emptyLanguageData() });
  return probeUnderstander;
}

function probeTurn(snapshot: KnowledgeSnapshot, i18n: I18n): Turn {
  return openTurn({
    activity: { type: 'message', channelId: 'probe', conversation: { id: 'probe', isGroup: false, conversationType: '', name: '' } },
    services: {
      i18n,
      logger: silentLogger(),
      knowledge: { snapshot: () => snapshot },
      events: { record: () => undefined },
      retention: { conversationHours: 24, userDays: 30, questionDays: 90 },
      dossiers: createDossiers(DEFAULT_DOSSIER_OPTIONS, { redis: null, prefix: 'probe:', logger: silentLogger() }),
      replyWindowHours: () => null,
    },
    data: {},
    profile: {},
    knowledge: snapshot,
    locale: 'vi',
    text: '',
    truncated: false,
  });
}

function paper(parts: Partial<ProcedureEntry['documents'][number]>): ProcedureEntry['documents'][number] {
  return { name: { vi: 'paper' }, copies: 1, type: 'original', ...parts };
}

function text<E>(yaml: string, get: (entry: E) => Text | undefined, set: (entry: E, marker: Text) => void): Probe<E> {
  return { yaml, set, has: (entry) => Boolean(get(entry)?.vi) };
}

const EMPTY: Text = { vi: '' };

function probeProcedure(): ProcedureEntry {
  return {
    kind: 'procedure', id: 'probe', title: { vi: 'probe' }, aliases: [], related: [], faq: [], sources: [], file: 'procedures/probe.yaml',
    code: null, codeVerified: false, summary: EMPTY, agency: EMPTY, level: 'commune', where: EMPTY, processingTime: EMPTY,
    fee: EMPTY, questions: {}, documents: [{ name: { vi: 'paper' }, copies: 1, type: 'original' }], steps: [],
    online: { service: 'none' }, legalBasis: [],
  };
}

function probeTopic(): TopicEntry {
  return { kind: 'topic', id: 'probe-topic', title: { vi: 'probe' }, aliases: [], related: [], faq: [], sources: [], file: 'topics/probe.yaml', answer: [], links: [], followUps: [] };
}
