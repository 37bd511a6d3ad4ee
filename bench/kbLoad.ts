/**
 * Benchmark: load a knowledge folder of 5,000 generated procedures (shaped like procedures/khai-sinh.yaml:
 * bilingual texts, ~10 aliases, 6 documents with conditions, steps, faq) and report the load time.
 * Run: `npx tsx bench/kbLoad.ts [count]`. Prints the cold load (nothing cached, as at start-up) and the reload
 * after one edit with the store's cache (what hot reload costs).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge, type LoadCache, type LoadResult } from '../bot/knowledge/loadKnowledge';
import { formatProblem } from '../bot/knowledge/problem';

const COUNT = Number(process.argv[2] ?? 5000);
const RUNS = 5;
const TARGET_MS = 1000;

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  try {
    const bytes = generate(dir, COUNT);
    print(`kbLoad: ${COUNT} procedure files, ${(bytes / 1e6).toFixed(1)} MB, ${RUNS} runs`);
    const cold = time(RUNS, () => check(loadKnowledge(dir)));
    report('cold load', cold);
    const cache: LoadCache = new Map();
    loadKnowledge(dir, { cache });
    const warm = time(RUNS, (run) => {
      writeFileSync(join(dir, 'procedures', 'thu-tuc-1.yaml'), procedure(1, `lần sửa ${run}`));
      check(loadKnowledge(dir, { cache }));
    });
    report('reload after one edit (cached)', warm);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function time(runs: number, action: (run: number) => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    action(run);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/** One line: median and fastest of the runs, entries loaded per second at the median, and the verdict. */
function report(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  print(
    `  ${label}: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, ` +
      `${Math.round((COUNT / median) * 1000)} entries/s, < ${TARGET_MS / 1000} s: ${median < TARGET_MS ? 'yes' : 'no'}`,
  );
}

function check(result: LoadResult): void {
  const loaded = result.kb?.entries.length;
  if (loaded === COUNT) return;
  const first = result.problems.slice(0, 3).map((problem) => formatProblem(problem));
  throw new Error(`expected ${COUNT} entries, loaded ${loaded ?? 'none'}:\n${first.join('\n')}`);
}

function generate(dir: string, count: number): number {
  mkdirSync(join(dir, 'procedures'));
  copyFileSync(join(__dirname, '..', 'knowledge', 'site.yaml'), join(dir, 'site.yaml'));
  let bytes = 0;
  for (let index = 1; index <= count; index += 1) {
    const file = join(dir, 'procedures', `thu-tuc-${index}.yaml`);
    writeFileSync(file, procedure(index, ''));
    bytes += statSync(file).size;
  }
  return bytes;
}

function text(indent: string, vi: string, en: string): string {
  return `\n${indent}  vi: ${vi}\n${indent}  en: ${en}`;
}

function procedure(n: number, edit: string): string {
  const aliases = Array.from({ length: 10 }, (_, i) => `  - ${['làm', 'xin', 'đăng ký', 'cấp', 'thủ tục'][i % 5]} giấy tờ loại ${n} kiểu ${i}`);
  const documents = Array.from({ length: 6 }, (_, i) => document(n, i));
  return [
    `id: thu-tuc-${n}`,
    `code: "1.${String(n).padStart(6, '0')}"`,
    `title:${text('', `Thủ tục hành chính số ${n} ${edit}`, `Administrative procedure number ${n}`)}`,
    `summary:${text('', `Đăng ký và cấp giấy tờ số ${n} cho công dân có nhu cầu, theo quy định hiện hành của pháp luật.`, `Registering and issuing paper number ${n} for citizens who need it, under the current rules.`)}`,
    'aliases:', ...aliases,
    `field:${text('', 'Hộ tịch', 'Civil status')}`,
    `agency:${text('', 'UBND cấp xã nơi cư trú của người yêu cầu', "the commune People's Committee where the applicant lives")}`,
    'level: commune',
    `where:${text('', '"Nộp tại {{site.desk}} hoặc trực tuyến trên {{site.portal_name}}."', '"File at {{site.desk}} or online on {{site.portal_name}}."')}`,
    `processing_time:${text('', 'Trong 3 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ; trường hợp cần xác minh thì kéo dài thêm không quá 5 ngày.', 'Within 3 working days of a complete file; up to 5 more days if something must be verified.')}`,
    `fee:${text('', 'Miễn lệ phí khi đăng ký đúng hạn; quá hạn nộp theo mức HĐND tỉnh quy định.', 'Free when on time; a late filing pays the fee set by the provincial council.')}`,
    'questions:',
    `  in_facility:${text('  ', 'Việc này phát sinh tại cơ sở có thẩm quyền phải không?', 'Did this happen at an authorised facility?')}`,
    `  has_witness:${text('  ', 'Có người làm chứng không?', 'Is there a witness?')}`,
    `  married:${text('  ', 'Đã đăng ký kết hôn chưa?', 'Are you registered as married?')}`,
    'documents:', ...documents,
    'steps:', ...Array.from({ length: 5 }, (_, i) => `  -${text('  ', `Bước ${i + 1}, chuẩn bị, nộp và nhận kết quả theo hướng dẫn của cán bộ Bộ phận Một cửa.`, `Step ${i + 1}, prepare, file and collect the result as the one-stop desk explains.`)}`),
    'online:', '  service: full', '  url: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=' + n + '"',
    'legal_basis:', '  - Luật Hộ tịch 2014', '  - Nghị định 123/2015/NĐ-CP', '  - Thông tư 04/2020/TT-BTP',
    'faq:', ...[1, 2].flatMap((i) => [`  - q:${text('      ', `Câu hỏi thường gặp ${i} về thủ tục ${n}?`, `Common question ${i} about procedure ${n}?`)}`, `    a:${text('      ', 'Vẫn làm được, hỏi thêm tại Bộ phận Một cửa để được hướng dẫn chi tiết.', 'Yes; ask at the one-stop desk for details.')}`]),
    'related:', `  - thu-tuc-${n === 1 ? 2 : n - 1}`,
    'updated: 2026-12-01',
    'sources:', '  - title: Luật Hộ tịch 2014', '    date: 2014-11-20',
    '',
  ].join('\n');
}

function document(n: number, i: number): string {
  const conditions = ['in_facility', 'not in_facility and has_witness', 'not in_facility and not has_witness', 'married', 'married or has_witness', ''];
  const lines = [
    `  - name:${text('      ', `Giấy tờ số ${i + 1} của thủ tục ${n}`, `Paper ${i + 1} for procedure ${n}`)}`,
    `    copies: ${1 + (i % 2)}`,
    `    type: ${['original', 'copy', 'certified_copy', 'present'][i % 4]}`,
    `    source:${text('      ', 'Do cơ quan có thẩm quyền cấp; mất thì xin cấp lại tại chính nơi đã cấp.', 'Issued by the competent authority; if lost, ask the issuer again.')}`,
  ];
  if (conditions[i] !== '') lines.push(`    if: ${conditions[i]}`);
  return lines.join('\n');
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

main();
