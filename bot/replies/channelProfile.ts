/**
 * What a channel can show in one turn, declared once per channel. The renderer holds every reply to it, so
 * dialogs never know sizes and adapters get activities that already fit.
 */
export interface ChannelProfile {
  channelId: string;
  /** Messages one turn may send. */
  messagesPerTurn: number;
  /** Hard limit of one message's text, in characters after NFC. */
  textLength: number;
  /** Hard limit of the text of the message that carries link buttons (Messenger's button template: 640). */
  textLengthWithLinks?: number;
  /** Preferred size of one message on a phone screen; text is split there when the budget allows. */
  screenLength: number;
  /** Buttons (quick replies, suggested actions) on one message. */
  buttons: number;
  buttonTitleLength: number;
  /** Link buttons on one message; 0 = links are written in the text as "Title: address". */
  linkButtons: number;
  /** Link buttons take the same slots as buttons (Zalo's template has five in all). */
  sharedSlots?: boolean;
  /** Whether the channel shows cards (hero cards, templates with images). */
  cards: boolean;
  /** Hours after the user's last message in which the bot may write first (a notification); absent = no limit. */
  proactiveWindowHours?: number;
}

/** The terminal chat: buttons print as `[Title]` lines, links as text. */
const CONSOLE: ChannelProfile = {
  channelId: 'console', messagesPerTurn: 3, textLength: 4000, screenLength: 900, buttons: 13, buttonTitleLength: 120, linkButtons: 0, cards: false,
};

/** The Bot Framework Emulator and any Azure Bot Service channel we have no profile for: suggested actions. */
const BOT_FRAMEWORK: ChannelProfile = {
  channelId: 'emulator', messagesPerTurn: 3, textLength: 4000, screenLength: 900, buttons: 10, buttonTitleLength: 100, linkButtons: 3, cards: true,
};

/**
 * Our Direct Line for the web widget: Web Chat 4.18's minimal bundle (bot/channels/directLine/webChatPages.ts),
 * which shows plain text and suggested actions (wrapped in rows; openUrl ones open a new tab) but no cards.
 */
const WEBCHAT: ChannelProfile = {
  channelId: 'webchat', messagesPerTurn: 3, textLength: 4000, screenLength: 900, buttons: 10, buttonTitleLength: 100, linkButtons: 3, cards: false,
};

/** Zalo OA customer-service messages: text 2,000; at most 5 buttons (query and URL buttons alike), titles 100. */
const ZALO: ChannelProfile = {
  channelId: 'zalo', messagesPerTurn: 3, textLength: 2000, screenLength: 900, buttons: 5, buttonTitleLength: 100, linkButtons: 5, sharedSlots: true, cards: false, proactiveWindowHours: 7 * 24,
};

/**
 * Messenger: text 2,000; 13 quick replies of 20 characters; links as web_url buttons of a button template (at
 * most 3, and the template's text at most 640).
 */
const FACEBOOK: ChannelProfile = {
  channelId: 'facebook', messagesPerTurn: 3, textLength: 2000, textLengthWithLinks: 640, screenLength: 900, buttons: 13, buttonTitleLength: 20, linkButtons: 3, cards: true, proactiveWindowHours: 24,
};

export const CHANNEL_PROFILES: readonly ChannelProfile[] = [CONSOLE, BOT_FRAMEWORK, WEBCHAT, ZALO, FACEBOOK];

const BY_ID = new Map(CHANNEL_PROFILES.map((profile) => [profile.channelId, profile]));

/** The profile of a channel by its `activity.channelId`; Bot Framework's for any other channel. */
export function profileFor(channelId: string | undefined): ChannelProfile {
  return BY_ID.get(channelId ?? '') ?? BOT_FRAMEWORK;
}
