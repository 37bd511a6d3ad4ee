/*
 * The web chat as a citizen meets it: the demo page in real headless Chromium (Debian's package) on a phone-sized
 * screen, the official Web Chat 4.18.1 bundle talking to our Direct Line. Screenshots go to test-output/webchat/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DirectLineTokens } from '../../../bot/channels/directLine/tokens';
import { type BotServer, startBotServer } from '../../helpers/directLine';
import { type Chromium, describeWithChromium, launchChromium, TEST_OUTPUT } from '../../helpers/chromium';

/** The little of the page's DOM these tests read inside page.evaluate (the project compiles without the DOM lib). */
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  activeElement: { className: string } | null;
  cookie: string;
};
declare const sessionStorage: { getItem(key: string): string | null } & Record<string, unknown>;

const QUESTION = 'đăng ký kết hôn cần giấy tờ gì';
const SCREENSHOTS = path.join(TEST_OUTPUT, 'webchat');
const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';
const USER_BUBBLES = '.webchat__bubble--from-user .webchat__bubble__content';
const BUTTONS = 'button.webchat__suggested-action';
const SEND_BOX = 'input[data-id="webchat-sendbox-input"]';

jest.setTimeout(120_000);

describeWithChromium('web chat in headless Chromium', () => {
  let app: BotServer;
  let browser: Chromium;
  let context: BrowserContext;
  const requests: string[] = [];
  const downloads: { url: string; bytes: number; phase: string }[] = [];
  let phase = 'page';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startBotServer();
    browser = await launchChromium({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    context = browser.context;
    context.on('request', (request) => {
      requests.push(request.url());
      request.response().then(
        async (response) => {
          if (!response) return;
          const sizes = await request.sizes();
          downloads.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, phase });
        },
        () => undefined,
      );
    });
    context.on('page', (page) => page.on('websocket', (socket) => requests.push(socket.url())));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens the bubble, answers, follows a button, keeps the history over a reload, and talks to no one else', async () => {
    const page = await context.newPage();
    page.on('websocket', (socket) => requests.push(socket.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${app.base}/`, { waitUntil: 'networkidle' });
    await page.screenshot({ path: path.join(SCREENSHOTS, '1-page.png') });
    const pageBytes = sum(downloads, 'page');

    phase = 'open';
    await page.click('.ttb-bubble');
    await page.waitForSelector(SEND_BOX, { timeout: 20_000 });
    await expectText(page, BOT_BUBBLES, /Xin chào/);
    await page.waitForLoadState('networkidle');
    const openBytes = sum(downloads, 'open');

    const started = Date.now();
    await page.fill(SEND_BOX, QUESTION);
    await page.press(SEND_BOX, 'Enter');
    await expectText(page, BOT_BUBBLES, /Giấy tờ cần chuẩn bị cho "Đăng ký kết hôn"/);
    const firstAnswerMs = Date.now() - started;
    await expectText(page, USER_BUBBLES, new RegExp(QUESTION));
    const buttons = await page.locator(BUTTONS).allInnerTexts();
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons).toContain('Tổng quan');
    await page.screenshot({ path: path.join(SCREENSHOTS, '2-answer.png') });

    await page.locator(BUTTONS, { hasText: 'Tổng quan' }).click();
    await expectText(page, BOT_BUBBLES, /Thời gian giải quyết/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '3-button.png') });
    const conversationBefore = await storedConversation(page);

    phase = 'reload';
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForSelector(SEND_BOX, { timeout: 20_000 }); // the panel was open: it opens again
    await expectText(page, USER_BUBBLES, new RegExp(QUESTION));
    await expectText(page, BOT_BUBBLES, /Thời gian giải quyết/);
    expect(await storedConversation(page)).toBe(conversationBefore);
    await page.screenshot({ path: path.join(SCREENSHOTS, '4-reloaded.png') });

    // The citizen switches to English: the bot answers in English and Web Chat's own strings follow.
    await page.fill(SEND_BOX, 'English please');
    await page.press(SEND_BOX, 'Enter');
    await page.waitForFunction((selector) => (globalThis as unknown as { document: { querySelector(s: string): { placeholder?: string } | null } })
      .document.querySelector(selector)?.placeholder === 'Type your message', SEND_BOX, { timeout: 20_000 });
    expect(await page.getAttribute('.ttb-head button[aria-label]:last-child', 'aria-label')).toBe('Close the chat');
    await page.screenshot({ path: path.join(SCREENSHOTS, '5-english.png') });

    // The keyboard: Escape closes the panel and gives the focus back to the bubble; Enter opens it again.
    await page.press(SEND_BOX, 'Escape');
    expect(await page.isHidden('#ttb-panel')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('ttb-bubble');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#ttb-panel')).toBe(true);

    const origin = new URL(app.base);
    const elsewhere = requests.filter(
      (url) => !url.startsWith(`${origin.origin}/`) && !url.startsWith(`ws://${origin.host}/`) && !url.startsWith(`blob:${origin.origin}/`) && !url.startsWith('data:'),
    );
    expect(elsewhere).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(errors).toEqual([]);
    process.stdout.write(
      `webchat browser figures: page ${kb(pageBytes)}, bubble open ${kb(openBytes)} (bytes on the wire, headers included), ` +
        `first answer ${firstAnswerMs} ms after Enter\n`,
    );
  });

  it('starts a new conversation by itself when the stored one is gone from the server', async () => {
    const page = await context.newPage();
    const origin = new URL(app.base).origin;
    const stale = new DirectLineTokens('a-secret-this-server-never-had-0123456789').issue('gone-conversation', 'dl_gone').token;
    await page.goto(`${app.base}/webchat/demo.css`); // any page of the origin, to reach its sessionStorage
    await page.evaluate(
      ({ key, token }) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(
        key,
        JSON.stringify({ open: true, conversationId: 'gone-conversation', token }),
      ),
      { key: `thutucbot:${origin}`, token: stale },
    );
    await page.goto(`${app.base}/`);
    await page.waitForSelector(SEND_BOX, { timeout: 20_000 });
    await expectText(page, BOT_BUBBLES, /Xin chào/);
    const conversation = await storedConversation(page);
    expect(conversation).toBeTruthy();
    expect(conversation).not.toBe('gone-conversation');
    await page.close();
  });
});

async function expectText(page: Page, selector: string, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    ({ selector, source, flags }) => Array.from(document.querySelectorAll(selector)).some((node) => new RegExp(source, flags).test(node.textContent ?? '')),
    { selector, source: pattern.source, flags: pattern.flags },
    { timeout: 20_000 },
  );
}

function storedConversation(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('thutucbot:'));
    return key ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { conversationId?: string }).conversationId : undefined;
  });
}

function sum(downloads: { bytes: number; phase: string }[], phase: string): number {
  return downloads.filter((download) => download.phase === phase).reduce((total, download) => total + download.bytes, 0);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
