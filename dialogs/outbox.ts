import type { Button, LinkButton } from './actions';

/** A button as the renderer gets it: its title and the token that names it in this conversation. */
export interface ReplyButton {
  title: string;
  token: string;
  /** See Button.spare and Button.answersPrompt. */
  spare?: boolean;
  answersPrompt?: boolean;
}

export type ReplyBlock = { kind: 'text'; text: string } | { kind: 'list'; title?: string; items: string[] };

/**
 * What a turn says, channel-neutral: the renderer decides how many messages that makes, where text is split and
 * how buttons and links are shown on the channel. Buttons end up on the last message.
 */
export interface ReplyContent {
  blocks: ReplyBlock[];
  /** The closing question the buttons answer ("Thông tin này có giúp được bạn không?"): always shown last. */
  prompt?: string;
  buttons: ReplyButton[];
  links: LinkButton[];
}

/**
 * The turn's outbox: flows write to it, nothing is sent until the turn ends. Text and lists accumulate in order;
 * an offer of buttons replaces the previous offer of the same turn (the last question asked is the one the
 * buttons answer); links accumulate, once per address.
 */
export class Outbox {
  private readonly blocks: ReplyBlock[] = [];
  private offered: Button[] = [];
  private readonly linkList: LinkButton[] = [];
  private closing: string | undefined;

  /** A paragraph; several lines are kept together. Empty text adds nothing. */
  say(text: string | string[]): this {
    const joined = (Array.isArray(text) ? text.join('\n') : text).replace(/^\n+|\n+$/g, '');
    if (joined.trim()) this.blocks.push({ kind: 'text', text: joined });
    return this;
  }

  list(items: string[], title?: string): this {
    if (items.length) this.blocks.push({ kind: 'list', title, items });
    return this;
  }

  /** The closing question of the turn, after everything else (links written as text included); the last one wins. */
  prompt(text: string): this {
    this.closing = text.trim() || undefined;
    return this;
  }

  offer(buttons: Button[]): this {
    this.offered = buttons.filter((button) => button.title.trim() !== '');
    return this;
  }

  /** Drops the offered buttons that do not pass (a turn without state can offer only buttons that need none). */
  keepButtons(keep: (button: Button) => boolean): this {
    this.offered = this.offered.filter(keep);
    return this;
  }

  link(...links: LinkButton[]): this {
    for (const link of links) if (link.url && !this.linkList.some((known) => known.url === link.url)) this.linkList.push(link);
    return this;
  }

  get buttons(): readonly Button[] {
    return this.offered;
  }

  get links(): readonly LinkButton[] {
    return this.linkList;
  }

  get isEmpty(): boolean {
    return this.blocks.length === 0 && this.offered.length === 0 && this.linkList.length === 0 && !this.closing;
  }

  /** The content, with the offered buttons named by the tokens the conversation remembers them by. */
  content(tokens: string[]): ReplyContent {
    return {
      blocks: [...this.blocks],
      ...(this.closing ? { prompt: this.closing } : {}),
      buttons: this.offered.map((button, i) => ({
        title: button.title,
        token: tokens[i],
        ...(button.spare ? { spare: true } : {}),
        ...(button.answersPrompt ? { answersPrompt: true } : {}),
      })),
      links: [...this.linkList],
    };
  }
}
