import { FROZEN_KB } from '../helpers/paths';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { Understander, type Understanding } from '../../bot/understanding/understander';

/**
 * Places named in passing and small talk around a question, on the real knowledge base, with sentences written for
 * these tests (not from any eval set).
 */
let understander: Understander;

beforeAll(() => {
  const { kb } = loadKnowledge(FROZEN_KB);
  if (!kb) throw new Error('knowledge/ does not load');
  understander = new Understander(kb);
});

const understand = (text: string): Understanding => understander.understand(text);

describe('places elsewhere are no content (lexicon.yaml places)', () => {
  it.each([
    ['I live in Thanh Hoa province, how long does it take to get a passport?', 'ho-chieu'],
    ['quê em ở Hậu Lộc, chuyển hộ khẩu từ Hà Nội về thì làm sao', 'dang-ky-thuong-tru'],
    ['chuyen ho khau tu tinh khac ve Thanh Hoa thi lam the nao', 'dang-ky-thuong-tru'],
    ['vợ tôi người Hàn Quốc, giờ về Thọ Xuân đăng ký kết hôn cần giấy tờ gì', 'ket-hon'],
    ['my husband is from Nghe An, we live in Ha Noi now, can we register our marriage in his hometown?', 'ket-hon'],
  ])('%j is %s first, whatever entry mentions the places', (text, id) => {
    const understanding = understand(text);
    expect(understanding).toMatchObject({ intent: 'procedure', id });
    expect(understanding.candidates[0].id).toBe(id);
  });

  it('a place elsewhere is no mention of the served area, and an uncovered question around it stays uncovered', () => {
    expect(understand('làm hộ chiếu ở Sầm Sơn mất bao lâu').places).toEqual([]);
    expect(understand('What is the best pho restaurant in Sam Son?').intent).toBe('none');
  });
});
