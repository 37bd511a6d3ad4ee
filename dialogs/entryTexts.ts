import type { Aspect, DocumentItem, Entry, ProcedureEntry, SiteFacts, TopicEntry } from '../bot/knowledge/types';
import type { LinkButton } from './actions';
import { firstSentence, LocalText } from './localText';

type T = (key: string, vars?: Record<string, unknown>) => string;

/**
 * The wording of answers about one entry, as lines. Pure: the caller decides how lines become messages.
 * Knowledge text comes from the entry in the reader's language; the bot's own words come from the locales.
 */
export class EntryTexts {
  constructor(
    private readonly t: T,
    readonly text: LocalText,
    private readonly site: SiteFacts,
  ) {}

  /** What it is, how long, how much, where, and whether it can be done online: one screen. */
  overview(entry: Entry): string[] {
    if (entry.kind === 'topic') return this.topic(entry);
    const lines = [`📄 ${this.text.pick(entry.title)}`, this.text.pick(entry.summary), ''];
    lines.push(`⏱ ${this.t('answer.time', { text: firstSentence(this.text.pick(entry.processingTime)) })}`);
    lines.push(`💰 ${this.t('answer.fee', { text: firstSentence(this.text.pick(entry.fee)) })}`);
    lines.push(`📍 ${this.t('answer.where', { text: this.text.pick(entry.where) })}`);
    lines.push(`🌐 ${this.t(`answer.online.${entry.online.service}`)}`);
    // Only a code staff checked on the national database is shown: a wrong code sends people to the wrong form.
    if (entry.code && entry.codeVerified) lines.push(this.t('answer.code', { code: entry.code }));
    return [...lines, ...this.caution(entry)];
  }

  /** One aspect, led by the answer itself. */
  aspect(entry: Entry, aspect: Aspect): string[] {
    if (entry.kind === 'topic') return this.topic(entry);
    switch (aspect) {
      case 'documents':
        return this.documents(entry);
      case 'steps':
        return this.steps(entry);
      case 'online':
        return this.online(entry);
      case 'fee':
        return this.labelled(entry, [['answer.fee', entry.fee], ['answer.exemptions', entry.feeExemptions]]);
      case 'time':
        return this.labelled(entry, [['answer.time', entry.processingTime], ['answer.deadline', entry.citizenDeadline]]);
      case 'where': {
        // The level is a choice in the file; its words come from the locales ("cấp xã").
        const level = { vi: this.t(`answer.levels.${entry.level}`) };
        return this.labelled(entry, [['answer.where', entry.where], ['answer.agency', entry.agency], ['answer.level', level]]);
      }
      case 'eligibility':
        return entry.eligibility ? this.labelled(entry, [['answer.eligibility', entry.eligibility]]) : this.overview(entry);
      case 'legal':
        return this.legal(entry);
    }
  }

  documents(entry: ProcedureEntry): string[] {
    const lines = [this.t('answer.documentsTitle', { title: this.text.pick(entry.title) })];
    for (const doc of entry.documents) {
      lines.push(this.t('answer.documentLine', { name: this.text.pick(doc.name), detail: this.documentDetail(doc) }));
      if (doc.note) lines.push(`   ${this.t('answer.note', { text: this.text.pick(doc.note) })}`);
    }
    if (entry.documents.some((doc) => doc.when)) lines.push('', this.t('answer.conditionalHint'));
    return lines;
  }

  steps(entry: ProcedureEntry): string[] {
    const lines = [this.t('answer.stepsTitle', { title: this.text.pick(entry.title) })];
    entry.steps.forEach((step, i) => lines.push(`${i + 1}. ${this.text.pick(step)}`));
    return lines;
  }

  online(entry: ProcedureEntry): string[] {
    const lines = [`🌐 ${this.t(`answer.online.${entry.online.service}`)}`];
    if (entry.online.note) lines.push(this.text.pick(entry.online.note));
    if (entry.online.service !== 'none') lines.push(this.onlineLink(entry));
    return lines;
  }

  /** The laws and decrees the procedure rests on, as staff listed them. */
  legal(entry: ProcedureEntry): string[] {
    if (entry.legalBasis.length === 0) return [this.t('answer.legalNone', { title: this.text.pick(entry.title) })];
    return [this.t('answer.legalTitle', { title: this.text.pick(entry.title) }), ...entry.legalBasis.map((law) => `• ${law}`)];
  }

  /** A question staff answered themselves (the entry's `faq`), in the reader's language. */
  faq(entry: Entry, index: number): string[] {
    const item = entry.faq[index];
    if (!item) return this.overview(entry);
    return [`📄 ${this.text.pick(entry.title)}`, `❓ ${this.text.pick(item.q)}`, this.text.pick(item.a)];
  }

  /** Where to apply online, as a link button: the entry's own page, or the portal. */
  onlineLinkButton(entry: ProcedureEntry): LinkButton {
    if (entry.online.url) return { title: this.t('answer.onlineButton'), url: entry.online.url };
    return { title: this.text.pick(this.site.portal_name) || this.t('answer.onlineButton'), url: this.text.pick(this.site.portal_url) };
  }

  /** How to find the procedure once online (the address itself rides as a link, see onlineLinkButton). */
  onlineLink(entry: ProcedureEntry): string {
    if (entry.online.url) return this.t('answer.onlineLink');
    return this.t('answer.onlineSearch', {
      portal: this.text.pick(this.site.portal_name),
      title: this.text.pick(entry.title),
      vneid: this.text.pick(this.site.vneid),
    });
  }

  topic(entry: TopicEntry): string[] {
    return [`📄 ${this.text.pick(entry.title)}`, ...entry.answer.map((paragraph) => this.text.pick(paragraph)), ...this.caution(entry)];
  }

  private labelled(entry: ProcedureEntry, parts: [string, ProcedureEntry['fee'] | undefined][]): string[] {
    const lines = [`📄 ${this.text.pick(entry.title)}`];
    for (const [key, value] of parts) if (value) lines.push(this.t(key, { text: this.text.pick(value) }));
    return [...lines, ...this.caution(entry)];
  }

  /** The first sentence of the doubt, and the office that can settle it (the entry's `ask_at`). */
  private caution(entry: Entry): string[] {
    if (!entry.caution) return [];
    const place = entry.askAt ? this.text.pick(entry.askAt) : this.t('answer.cautionPlace');
    return ['', this.t('answer.caution', { text: firstSentence(this.text.pick(entry.caution)), place })];
  }

  /** " (1 bản chính; tùy trường hợp)": copies and kind, and a mark on papers needed only in some cases. */
  private documentDetail(doc: DocumentItem): string {
    const parts = [
      doc.type === 'present' ? this.t('answer.type.present') : this.t('answer.copiesOf', { count: doc.copies, type: this.t(`answer.type.${doc.type}`) }),
    ];
    if (doc.when) parts.push(this.t('answer.conditional'));
    return ` (${parts.join('; ')})`;
  }
}
