import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBotProcess, type BotProcess } from '../helpers/botProcess';
import { startCaptureServer, waitFor } from '../helpers/http';
import { FROZEN_KB } from '../helpers/paths';

/*
 * A staff editor breaks knowledge files under a running server (`npm start` as a process, watching a copy of the
 * knowledge folder) while citizens keep asking: a YAML syntax error, a schema error, a file deleted and written
 * again only halfway. Every question is answered, from the last good version; the log names each file and line;
 * /healthz keeps the served version and says why the folder is not served (the instance stays ready: it has a
 * good version to serve); fixing the files serves the fix.
 */

const QUESTIONS = [
  { text: 'làm giấy khai sinh', title: 'Đăng ký khai sinh' },
  { text: 'đăng ký kết hôn cần gì', title: 'Đăng ký kết hôn' },
  { text: 'làm giấy khai tử cho bố', title: 'Đăng ký khai tử' },
];
const SUMMARY = 'Đăng ký sự kiện sinh cho trẻ để được cấp Giấy khai sinh và số định danh cá nhân.';
const FIXED_SUMMARY = 'Đăng ký sự kiện sinh cho trẻ (bản đã sửa) để được cấp Giấy khai sinh.';

interface Health {
  knowledge: { version: string; reloadError: { errors: number; problems: string[] } | null };
}

describe('a knowledge file broken while serving', () => {
  let dir: string;
  let bot: BotProcess;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ttb-kb-broken-'));
    cpSync(FROZEN_KB, dir, { recursive: true });
    connector = await startCaptureServer();
    bot = await startBotProcess({ KB_DIR: dir, KB_WATCH: 'true' });
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => (await (await fetch(`${bot.base}/healthz`)).json()) as Health;
  const logLines = () =>
    bot
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; file?: string; line?: number });
  const file = (name: string) => path.join(dir, 'procedures', name);
  /** The 1-based line of the first match of `pattern` in `text`. */
  const lineOf = (text: string, pattern: RegExp) => {
    const at = text.search(pattern);
    if (at < 0) throw new Error(`${pattern} is not in the file any more: the test needs another line to break`);
    return text.slice(0, at).split('\n').length;
  };

  /** One question in a conversation of its own: the HTTP status and the texts the bot sent for it. */
  let asked = 0;
  const ask = async (text: string) => {
    const conversation = `kb-broken-${++asked}`;
    const response = await fetch(`${bot.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: `q-${asked}`, channelId: 'emulator', serviceUrl: connector.url, from: { id: `citizen-${asked}` }, recipient: { id: 'bot' }, conversation: { id: conversation }, text, locale: 'vi-VN' }),
    });
    const replies = connector.requests.filter((request) => request.url.startsWith(`/v3/conversations/${conversation}/`)).map((request) => String(request.body.text ?? ''));
    return { status: response.status, text: replies.join('\n') };
  };

  it('answers every question from the last good version, logs file and line, reports it on /healthz, and serves the fix', async () => {
    const served = await health();
    expect(served.knowledge.reloadError).toBeNull();
    const results: { status: number; text: string; title: string; phase: string }[] = [];
    let phase = 'before';
    let stop = false;
    // Citizens asking all along: two at a time, bounded in count and time. The waits below are for a reload the
    // watcher makes while this traffic runs, which on a busy machine takes seconds: generous bounds, as they only
    // run out when something is wrong.
    const deadline = Date.now() + 60_000;
    const citizen = async (offset: number) => {
      for (let i = offset; i < 400 && !stop && Date.now() < deadline; i += 2) {
        const question = QUESTIONS[i % QUESTIONS.length];
        const at = phase;
        results.push({ ...(await ask(question.text)), title: question.title, phase: at });
      }
    };
    const traffic = Promise.all([citizen(0), citizen(1)]);
    const refusedFor = async (name: string, position: string) => {
      const found = await waitFor(() => logLines().some((line) => line.file === `procedures/${name}` && (line.msg ?? '').startsWith(`procedures/${name}:${position}`)), 15_000, 50);
      expect(found).toBe(true);
      const report = await waitFor(async () => (await health()).knowledge.reloadError?.problems.some((problem) => problem.startsWith(`procedures/${name}:${position}`)) === true, 10_000, 50);
      expect(report).toBe(true);
    };
    try {
      await waitFor(() => results.length >= 6, 10_000, 20);

      // 1. A YAML syntax error: an unclosed quote (its line read from the file: kb:freeze moves lines).
      phase = 'broken';
      const khaiSinh = readFileSync(file('khai-sinh.yaml'), 'utf8');
      writeFileSync(file('khai-sinh.yaml'), khaiSinh.replace(/^ {2}vi: Hộ tịch$/m, '  vi: "Hộ tịch'));
      await refusedFor('khai-sinh.yaml', `${lineOf(khaiSinh, /^ {2}vi: Hộ tịch$/m)}:15: error: invalid YAML: Missing closing "quote`);

      // 2. A schema error: a level that does not exist.
      const ketHon = readFileSync(file('ket-hon.yaml'), 'utf8');
      writeFileSync(file('ket-hon.yaml'), ketHon.replace(/^level: commune$/m, 'level: planet'));
      await refusedFor('ket-hon.yaml', `${lineOf(ketHon, /^level: commune$/m)}:8: error: "level" must be one of`);

      // 3. A file deleted, then written again only halfway (a save cut short).
      const khaiTu = readFileSync(file('khai-tu.yaml'), 'utf8');
      unlinkSync(file('khai-tu.yaml'));
      writeFileSync(file('khai-tu.yaml'), khaiTu.slice(0, Math.floor(khaiTu.length / 2)));
      await refusedFor('khai-tu.yaml', '1:1: error: missing required key');

      // Still the version served before, still ready (the last good version is a good one to serve).
      const broken = await health();
      expect(broken.knowledge.version).toBe(served.knowledge.version);
      expect(broken.knowledge.reloadError?.errors).toBeGreaterThanOrEqual(3);
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      const during = results.length;
      await waitFor(() => results.length >= during + 6, 10_000, 20);

      // 4. Fixed (with one sentence changed): reloaded, and the new sentence is what citizens get.
      phase = 'fixing';
      writeFileSync(file('khai-tu.yaml'), khaiTu);
      writeFileSync(file('ket-hon.yaml'), ketHon);
      writeFileSync(file('khai-sinh.yaml'), khaiSinh.replace(SUMMARY, FIXED_SUMMARY));
      expect(await waitFor(async () => (await health()).knowledge.version !== served.knowledge.version, 15_000, 50)).toBe(true);
      expect((await health()).knowledge.reloadError).toBeNull();
      expect(logLines().some((line) => line.msg === 'knowledge base reloaded')).toBe(true);
      phase = 'fixed';
      const fixed = await ask(QUESTIONS[0].text);
      expect(fixed.status).toBe(200);
      expect(fixed.text).toContain(FIXED_SUMMARY);
    } finally {
      stop = true;
      await traffic;
    }

    // Every question of the whole run was answered, with its procedure, and never with a half-read version.
    const byPhase = (name: string) => results.filter((result) => result.phase === name);
    expect(byPhase('before').length).toBeGreaterThanOrEqual(6);
    expect(byPhase('broken').length).toBeGreaterThanOrEqual(6);
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.text).toContain(result.title);
    }
    for (const result of [...byPhase('before'), ...byPhase('broken')].filter((r) => r.title === QUESTIONS[0].title)) expect(result.text).toContain(SUMMARY);
  }, 120_000);
});
