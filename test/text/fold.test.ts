import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold, stripMarks } from '../../bot/text/fold';
import { seededRandom } from '../helpers/seededRandom';

/** fold and stripMarks as written before the fast path: the fast path must give exactly what these give. */
function referenceStrip(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

function referenceFold(text: string): string {
  return referenceStrip(text.normalize('NFC').toLowerCase())
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function expectSame(texts: Iterable<string>): void {
  for (const text of texts) {
    if (fold(text) !== referenceFold(text)) expect([text, fold(text)]).toEqual([text, referenceFold(text)]);
    if (stripMarks(text) !== referenceStrip(text)) expect([text, stripMarks(text)]).toEqual([text, referenceStrip(text)]);
  }
}

describe('fold and stripMarks give what the general path (normalisation and expressions) gives', () => {
  it('for every character of the Basic Multilingual Plane, alone and between letters', () => {
    const texts: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      texts.push(char, `a${char}b`, `Ơ${char}ạ`, `${char}\u0301`);
    }
    expectSame(texts);
  });

  it('for random strings of Vietnamese letters, marks, apostrophes, digits and punctuation', () => {
    const pool = [..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ019 '’‘“”…–—,.?!-\u00a0\u0300\u0301\u0303\u0309\u0323\u031b\u0306\u0302\u00e9\u00df\u00f8\u0130\u0131😀ǅǖǻ"];
    const random = seededRandom(12);
    const texts: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let k = 0; k < length; k++) text += pool[Math.floor(random() * pool.length)];
      texts.push(text);
    }
    expectSame(texts);
  });

  it('for every question of the eval sets and every line of the knowledge folder', () => {
    const root = join(__dirname, '..', '..');
    const evalDir = join(root, 'test', 'fixtures', 'eval');
    const lines = readdirSync(evalDir).flatMap((name) => readFileSync(join(evalDir, name), 'utf8').split('\n'));
    for (const folder of ['', 'procedures', 'topics']) {
      const dir = join(root, 'knowledge', folder);
      for (const name of readdirSync(dir).filter((file) => file.endsWith('.yaml'))) lines.push(...readFileSync(join(dir, name), 'utf8').split('\n'));
    }
    expectSame(lines);
  });
});
