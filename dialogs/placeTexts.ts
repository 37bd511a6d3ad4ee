import type { Commune, CommuneDirectory, SiteFacts } from '../bot/knowledge/types';
import type { PlaceMention } from '../bot/understanding/placeFinder';
import type { LocalText } from './localText';

type T = (key: string, vars?: Record<string, unknown>) => string;

/**
 * The wording of answers about places and contacts, as lines. Pure, like EntryTexts: the data comes from site.yaml
 * (the communes and the former units each absorbed, the desks, the phone lines), the sentences from the locales.
 */
export class PlaceTexts {
  constructor(
    private readonly t: T,
    private readonly text: LocalText,
    private readonly site: SiteFacts,
    private readonly directory: CommuneDirectory,
  ) {}

  /** A full answer to "tôi ở Vĩnh Tiến": which commune serves each place named, its desk, and how sure that is. */
  places(mentions: readonly PlaceMention[]): string[] {
    const lines = mentions.map((mention) => this.mentionLine(mention));
    for (const commune of this.servingCommunes(mentions)) lines.push('', ...this.deskLines(commune));
    if (!this.directory.checked && mentions.some((mention) => mention.kind !== 'commune')) lines.push('', this.t('place.unchecked'));
    return lines;
  }

  /** One line for the top of another answer: which commune a former unit now belongs to. */
  note(mentions: readonly PlaceMention[]): string[] {
    const former = mentions.filter((mention) => mention.kind === 'formerCommune' || mention.kind === 'formerTown');
    if (former.length === 0) return [];
    const lines = former.map((mention) => this.mentionLine(mention));
    return this.directory.checked ? lines : [...lines, this.t('place.unchecked')];
  }

  /** Whom to call or visit: the commune desk, the phone lines, the provincial centre. */
  contact(): string[] {
    const hotline = this.text.pick(this.site.hotline);
    const phones = this.directory.communes.filter((commune) => commune.phone);
    return [
      this.t('handoff.intro', { desk: this.text.pick(this.site.desk) }),
      this.t('handoff.address', { address: this.text.pick(this.site.address) }),
      this.t('handoff.hours', { hours: this.text.pick(this.site.hours) }),
      hotline
        ? this.t('handoff.hotline', { hotline, name: this.text.pick(this.site.hotline_name), note: this.text.pick(this.site.hotline_note) }).trim()
        : this.t('handoff.noHotline'),
      // The communes' own numbers, once staff have verified them (site.yaml communes); none yet.
      ...(phones.length > 0
        ? [this.t('handoff.deskPhones', { phones: phones.map((commune) => this.t('handoff.deskPhone', { commune: commune.name, phone: commune.phone })).join('; ') })]
        : []),
      ...(this.site.province_address
        ? [this.t('handoff.province', { desk: this.text.pick(this.site.province_desk), address: this.text.pick(this.site.province_address) })]
        : []),
    ];
  }

  private mentionLine(mention: PlaceMention): string {
    const district = this.directory.formerDistrict;
    switch (mention.kind) {
      case 'formerDistrict': {
        const names = this.directory.communes.map((commune) => commune.name);
        const example = this.directory.communes.find((commune) => commune.formerCommunes.length > 0)?.formerCommunes[0] ?? names[0] ?? '';
        return this.t('place.district', { district: mention.name, count: names.length, communes: this.list(names), example });
      }
      case 'commune': {
        const commune = this.communeNamed(mention.name);
        return this.t('place.current', { commune: mention.name, units: this.list(commune ? this.unitsOf(commune) : []) });
      }
      default: {
        const unit = this.t(mention.kind === 'formerTown' ? 'place.town' : 'place.commune', { name: mention.name });
        const key = district ? 'place.former' : 'place.formerNoDistrict';
        return this.t(key, { unit: capitalise(unit, this.text.locale), district, commune: mention.commune });
      }
    }
  }

  private deskLines(commune: Commune): string[] {
    const lines = [this.t('place.desk', { commune: commune.name })];
    if (commune.address) lines.push(this.t('place.address', { address: this.text.pick(commune.address) }));
    if (commune.phone) lines.push(this.t('place.phone', { phone: commune.phone }));
    if (!commune.address && !commune.phone) lines.push(this.t('place.noAddress', { commune: commune.name }));
    return lines;
  }

  /** The communes that serve the places named, each once, in the order named. */
  private servingCommunes(mentions: readonly PlaceMention[]): Commune[] {
    const names = [...new Set(mentions.flatMap((mention) => (mention.commune ? [mention.commune] : [])))];
    return names.flatMap((name) => this.communeNamed(name) ?? []);
  }

  private communeNamed(name: string): Commune | undefined {
    return this.directory.communes.find((commune) => commune.name === name);
  }

  private unitsOf(commune: Commune): string[] {
    return [
      ...commune.formerTowns.map((name) => this.t('place.town', { name })),
      ...commune.formerCommunes.map((name) => this.t('place.commune', { name })),
    ];
  }

  private list(items: string[]): string {
    if (items.length <= 1) return items.join('');
    return this.t('place.list', { items: items.slice(0, -1).join(', '), last: items[items.length - 1] });
  }
}

/** "xã Vĩnh Tiến" starts a sentence as "Xã Vĩnh Tiến"; English units start with their name already. */
function capitalise(text: string, locale: string): string {
  return locale === 'vi' ? text.charAt(0).toLocaleUpperCase('vi') + text.slice(1) : text;
}
