import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter } from 'botbuilder';
import { buildRuntime } from '../../bot/app';
import { runKbGaps } from '../../bot/cli/kbGaps';
import { readConfig } from '../../bot/config';
import { silentLogger } from '../../bot/logger';
import { FileQuestionLog } from '../../bot/questions/fileQuestionLog';
import { StaffEventRecorder } from '../../bot/questions/staffEvents';
import { redactPersonalData } from '../../bot/text/redact';
import { MemoryStore } from '../../bot/storage/memoryStore';
import { FROZEN_KB } from '../helpers/paths';
import { cleanEnv, runScript } from '../helpers/processes';

interface Labelled {
  q: string;
  intent: string;
}

const EVAL = path.resolve(__dirname, '../fixtures/eval');
const QUESTIONS: Labelled[] = ['dev.jsonl', 'dev-more.jsonl'].flatMap((file) =>
  readFileSync(path.join(EVAL, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Labelled),
);

/** Out-of-scope questions with personal data planted in them: none of it may reach the log or the report. */
const PLANTED = [
  { q: 'Tôi là Nguyễn Văn Xuyến, sđt 0912 345 678, muốn hỏi cách nuôi cá koi', secrets: ['0912 345 678', '912345678', 'Xuyến'] },
  { q: 'cccd 038095001234 cua toi bi khoa tai khoan ngan hang thi sao', secrets: ['038095001234'] },
  { q: 'tên tôi là Trần Thị Mai, email mai.tran@example.com, xin tư vấn mua bảo hiểm xe máy', secrets: ['Trần Thị Mai', 'mai.tran@example.com'] },
  { q: 'my name is John Carter, phone +84 987 654 321, how do I open a shop on Shopee', secrets: ['John Carter', '987 654 321'] },
  { q: 'hồ sơ 000.00.20.H56-240322-0056 của tôi bị mất thì đòi bồi thường tiền ở đâu', secrets: ['H56-240322-0056', '240322'] },
  { q: 'số cmnd cũ 172345678, sđt 0912.345.679, có vay tiền trả góp được không', secrets: ['172345678', '0912.345.679', '345.679'] },
  { q: 'số định danh 038 095 001 235, mua vé máy bay đi Đà Nẵng ở đâu rẻ', secrets: ['038 095 001 235', '001 235'] },
];

describe('npm run kb:gaps on a log made by replaying the labelled questions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-gaps-'));
  const file = path.join(dir, 'questions.jsonl');
  let report: { questions: number; groups: { question: string; variants: { question: string }[]; closest: unknown }[]; feedback: { entryId: string; up: number; down: number }[] };
  let text: string;

  beforeAll(async () => {
    const log = new FileQuestionLog(file, 90);
    const recorder = new StaffEventRecorder(log, silentLogger());
    // No floor under dossier lookups (a privacy measure against guessing codes, 700 ms each): some two dozen of
    // the labelled questions ask for a dossier's status.
    const config = readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', LOG_LEVEL: 'silent', DOSSIER_LOOKUP_FLOOR_MS: '0' });
    const runtime = buildRuntime(config, silentLogger(), { storage: { storage: new MemoryStore(), kind: 'memory' }, events: recorder, watch: false });
    const messages = [...QUESTIONS.map((item) => [item.q]), ...PLANTED.map((item) => [item.q]), ['dang ky khai sinh', 'hữu ích'], ['dang ky khai sinh', 'chưa đúng']];
    let n = 0;
    for (const conversation of messages) {
      n += 1;
      const adapter = runtime.attach(new TestAdapter(runtime.logic, { channelId: 'emulator', conversation: { id: `replay-${n}`, isGroup: false, conversationType: 'personal', name: '' }, from: { id: `user-${n}`, name: 'Citizen' }, recipient: { id: 'bot', name: 'Thủ tục bot' } }));
      for (const message of conversation) await adapter.receiveActivity({ type: 'message', text: message, locale: 'vi-VN' });
    }
    await recorder.settle();
    await log.close();
    await runtime.close();
    const lines: string[] = [];
    expect(await runKbGaps(['--file', file, '--json', '--kb', FROZEN_KB], cleanEnv(), (line) => lines.push(line), () => undefined)).toBe(0);
    report = JSON.parse(lines.join('\n'));
    const out: string[] = [];
    expect(await runKbGaps(['--file', file, '--top', '0', '--kb', FROZEN_KB], cleanEnv(), (line) => out.push(line), () => undefined)).toBe(0);
    text = out.join('\n');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the out-of-scope questions, grouped, each with its closest entry', () => {
    const listed = new Set(report.groups.flatMap((group) => group.variants.map((variant) => variant.question)));
    const outOfScope = QUESTIONS.filter((item) => item.intent === 'none').map((item) => redactPersonalData(item.q).trim());
    const missing = outOfScope.filter((q) => !listed.has(q));
    // The bot answers a few out-of-scope questions with a procedure it is sure of (the dev-accuracy test bounds
    // those); every other one must be on the list.
    expect({ missing: missing.length <= Math.floor(outOfScope.length * 0.1) ? [] : missing }).toEqual({ missing: [] });
    expect(report.groups.length).toBeLessThan(listed.size + 1);
    expect(report.groups.some((group) => group.closest !== null)).toBe(true);
    expect(text).toMatch(/closest entry: /);
  });

  it('keeps no phone number, ID number, dossier code, e-mail address or name', () => {
    // What is kept and shown: the questions of the stored lines (their times are long numbers), the report.
    const stored = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => String((JSON.parse(line) as { question?: string }).question ?? ''));
    const listed = report.groups.flatMap((group) => group.variants.map((variant) => variant.question));
    for (const where of [stored.join('\n'), text, listed.join('\n')]) {
      for (const { secrets } of PLANTED) for (const secret of secrets) expect(where).not.toContain(secret);
      expect(where).not.toMatch(/\d{7,}/);
      expect(where).not.toMatch(/\d{3}[ .-]\d{3}[ .-]\d{3}/);
    }
    // The planted questions themselves are listed, without what was personal.
    expect(text).toContain('muốn hỏi cách nuôi cá koi');
    expect(text).toContain('[name]');
  });

  it('counts 👍/👎 per entry', () => {
    expect(report.feedback).toEqual(expect.arrayContaining([expect.objectContaining({ entryId: 'khai-sinh', up: 1, down: 1 })]));
    expect(text).toMatch(/khai-sinh ".*": 👍 1, 👎 1/);
  });

  it('runs as npm run kb:gaps, reading QUESTION_LOG_FILE, and prints no personal number', () => {
    const result = runScript('bot/cli/kbGaps.ts', ['--top', '0'], '', cleanEnv({ QUESTION_LOG_FILE: file, KB_DIR: FROZEN_KB }));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Questions the bot could not answer or was unsure about, last 90 days/);
    expect(result.stdout.match(/^ +\d+\. /gm)).toHaveLength(report.groups.length);
    for (const { secrets } of PLANTED) for (const secret of secrets) expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toMatch(/\d{7,}|\d{3}[ .-]\d{3}[ .-]\d{3}/);
    // The planted questions themselves are listed, without what was personal.
    for (const asked of ['muốn hỏi cách nuôi cá koi', 'có vay tiền trả góp được không', 'mua vé máy bay đi Đà Nẵng']) expect(result.stdout).toContain(asked);
  });
});
