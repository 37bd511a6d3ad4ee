import { FROZEN_KB } from '../helpers/paths';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { Understander, type Understanding } from '../../bot/understanding/understander';

/** The understanding of the real knowledge base, on phrasings written for these tests (not the dev set). */
let understander: Understander;

beforeAll(() => {
  const { kb } = loadKnowledge(FROZEN_KB);
  if (!kb) throw new Error('knowledge/ does not load');
  understander = new Understander(kb);
});

const understand = (text: string): Understanding => understander.understand(text);

describe('intents from patterns', () => {
  it.each([
    ['chào ad ơi', 'greeting'],
    ['hello', 'greeting'],
    ['cảm ơn bạn nhiều', 'thanks'],
    ['thanks a lot', 'thanks'],
    ['bot này hỏi được gì vậy', 'help'],
    ['what can you do', 'help'],
    ['tôi muốn gặp cán bộ', 'handoff'],
    ['can I talk to a human', 'handoff'],
    ['cho mình xin số điện thoại cán bộ một cửa', 'handoff'],
    ['hồ sơ của tôi đã xử lý xong chưa', 'status'],
    ['track my application', 'status'],
  ])('%j is %s, answered with full confidence and no entry', (text, intent) => {
    expect(understand(text)).toMatchObject({ intent, id: null, decision: 'answer', confidence: 1, candidates: [], aspect: null });
  });

  it('reads a greeting with more than filler around it as something else', () => {
    expect(understand('chào bạn, làm hộ chiếu ở đâu').intent).toBe('procedure');
  });

  it('finds the dossier code, which makes any message a status question', () => {
    expect(understand('hồ sơ h57.01-250101-0099 sao rồi')).toMatchObject({ intent: 'status', code: 'H57.01-250101-0099' });
    expect(understand('000.00.20.H56-240322-0056')).toMatchObject({ intent: 'status', code: '000.00.20.H56-240322-0056' });
    expect(understand('làm hộ chiếu ở đâu').code).toBeNull();
  });

  it.each([
    ['chuyển sang tiếng Anh giúp tôi', 'en'],
    ['please reply in english', 'en'],
    ['nói tiếng việt đi', 'vi'],
  ])('%j asks to switch the language to %s', (text, target) => {
    expect(understand(text)).toMatchObject({ intent: 'language', target });
  });
});

describe('procedures from the knowledge search', () => {
  it.each([
    ['làm hộ chiếu mất bao lâu', 'ho-chieu', 'time'],
    ['xin giấy phép xây nhà cần giấy tờ gì', 'giay-phep-xay-dung', 'documents'],
    ['đổi bằng lái xe ở đâu', 'doi-giay-phep-lai-xe', 'where'],
    ['vợ chồng em đk kết hôn trực tuyến được không', 'ket-hon', 'online'],
    ['so do bi mat thi lam lai the nao', 'cap-so-do-lan-dau', 'steps'],
    ['how much is the fee for a passport', 'ho-chieu', 'fee'],
  ])('%j is %s, asking about %s', (text, id, aspect) => {
    expect(understand(text)).toMatchObject({ intent: 'procedure', id, aspect, decision: 'answer' });
  });

  it('repairs unaccented, Telex and doubled-letter typing before searching', () => {
    for (const text of ['dang ky khai sinh', 'dawng kys khai sinh', 'lamm giayy khai sinh']) {
      expect(understand(text)).toMatchObject({ intent: 'procedure', id: 'khai-sinh', decision: 'answer' });
    }
  });

  it('gives up to three candidates, best first, with the best as id', () => {
    const result = understand('làm hộ chiếu mất bao lâu');
    expect(result.candidates.length).toBeGreaterThan(0);
    expect(result.candidates.length).toBeLessThanOrEqual(3);
    expect(result.candidates[0].id).toBe(result.id);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('tells the language the question is written in', () => {
    expect(understand('làm hộ chiếu ở đâu').language).toBe('vi');
    expect(understand('how much is the fee for a passport').language).toBe('en');
    expect(understand('lam ho chieu o dau').language).toBeNull();
  });
});

describe('questions out of scope', () => {
  it.each(['thời tiết hôm nay thế nào', 'giá vé tàu hỏa bao nhiêu', 'cách nấu phở bò', 'ok'])('%j is none, with no entry', (text) => {
    expect(understand(text)).toMatchObject({ intent: 'none', id: null, decision: 'none' });
  });
});

describe('command() and answer()', () => {
  it.each([
    ['thoát', 'cancel'],
    ['về menu', 'cancel'],
    ['tiếp tục', 'resume'],
    ['quyền riêng tư', 'privacy'],
  ])('%j is the command %s', (text, command) => {
    expect(understander.command(text)).toBe(command);
  });

  it('takes a command only when it is the whole message', () => {
    expect(understander.command('tôi muốn thoát ứng dụng')).toBeNull();
    expect(understander.command('làm hộ chiếu ở đâu')).toBeNull();
  });

  it.each([
    ['có rồi ạ', 'yes'],
    ['ok', 'yes'],
    ['chưa có', 'no'],
    ['ko', 'no'],
    ['không rõ', 'unknown'],
    ['k biet', 'unknown'],
  ])('%j is the answer %s', (text, answer) => {
    expect(understander.answer(text)).toBe(answer);
  });

  it('takes an answer only when it is the whole message', () => {
    expect(understander.answer('có giấy khai sinh rồi')).toBeNull();
  });
});
