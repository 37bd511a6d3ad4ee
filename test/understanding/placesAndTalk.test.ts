import { frozenUnderstander } from '../helpers/frozenUnderstander';
import type { Understander, Understanding } from '../../bot/understanding/understander';

/**
 * Places named in passing and small talk around a question, on the real knowledge base, with sentences written for
 * these tests (not from any eval set).
 */
let understander: Understander;

beforeAll(() => {
  understander = frozenUnderstander();
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
    expect(understand('chào cả nhà, mình ở xứ Thanh, mới biết trang này, rất vui được làm quen').intent).toBe('greeting');
  });
});

describe('thanks around a question and after a story', () => {
  it.each([
    ['cho em hỏi làm giấy khai sinh ở đâu ạ, em cảm ơn', 'khai-sinh'],
    ['Where do I apply for a criminal record? Thank you in advance', 'ly-lich-tu-phap'],
    ['làm căn cước cho bé 5 tuổi được không ạ? e cảm ơn ad nhiều', 'cap-can-cuoc'],
    ['How much does a passport cost? I appreciate your help.', 'ho-chieu'],
  ])('%j asks about %s: thanks closing the question takes nothing from it', (text, id) => {
    expect(understand(text)).toMatchObject({ intent: 'procedure', id });
  });

  it.each([
    'xong rồi nha bot, em đăng ký khai sinh cho bé thành công rồi, cảm ơn nhiều',
    'Everything went smoothly at the commune office, thanks a lot',
    'tuần trước mình hỏi về làm hộ chiếu, hôm nay ra làm xong xuôi, cảm ơn ad',
  ])('%j tells what was done and thanks: thanks', (text) => {
    expect(understand(text)).toMatchObject({ intent: 'thanks', id: null });
  });

  it('a question after the thanks is still asked', () => {
    expect(understand('mình đăng ký kết hôn thành công rồi, cảm ơn bạn, cho hỏi thêm làm hộ chiếu ở đâu')).toMatchObject({ intent: 'procedure', id: 'ho-chieu' });
    expect(understand('Thank you! I already got the birth certificate, now how do I get a passport for the baby?')).toMatchObject({ intent: 'procedure', id: 'ho-chieu' });
  });
});

describe('a contact of an unrelated service is no call for the staff', () => {
  it.each([
    'the hotline of the water company',
    'gọi tổng đài điện lực từ trưa không ai bắt máy',
    'cúp nước 2 ngày rồi, gọi cho công ty nước mãi không được',
    'The power company never answers the phone, this is ridiculous',
  ])('%j is not covered, not a handoff', (text) => {
    expect(understand(text).intent).toBe('none');
  });

  it.each([
    'cho mình xin số tổng đài của xã',
    'gọi điện cho cán bộ xã mãi không ai nghe máy, có ai trực không',
    'tổng đài 1800 1096 gọi không được',
  ])('%j still asks for a person', (text) => {
    expect(understand(text).intent).toBe('handoff');
  });
});

describe('what the bot is for, in any words (intents.yaml help.self and help.scope)', () => {
  it.each([
    "what's this page for?",
    'app này giúp được gì cho người dân',
    'trợ lý ảo của xã trả lời những câu hỏi nào',
    'What topics does this service cover?',
    'Chào ad, mình mới chuyển về xã, trang này lo được những việc gì vậy',
    'Can this chatbot check my dossier or only give information?',
    'bot này hỗ trợ được những thủ tục gì, có tra cứu được hồ sơ không',
  ])('%j is help', (text) => {
    expect(understand(text)).toMatchObject({ intent: 'help', id: null });
  });

  it('a question about the bot that names an entry is about the entry; telling something of the bot asks for no menu', () => {
    expect(understand('bot hỗ trợ làm hộ chiếu không')).toMatchObject({ intent: 'procedure', id: 'ho-chieu' });
    expect(understand('bot ơi cần những gì để làm căn cước')).toMatchObject({ intent: 'procedure', id: 'cap-can-cuoc' });
    expect(understand('Bot trả lời sai hoài, cho tôi gặp nhân viên tư vấn').intent).toBe('handoff');
  });

  it('a dossier filed is still a status question, asked with the bot named', () => {
    expect(understand('bot ơi hồ sơ em đã nộp hôm thứ hai, tra cứu giúp em xong chưa').intent).toBe('status');
  });
});

describe('greetings and thanks told with a story', () => {
  it('a greeting with an introduction that tells of an uncovered topic and asks nothing is a greeting', () => {
    expect(understand('Xin chào, tôi là bộ đội về hưu ở Nga Sơn, cháu tôi bảo vào trang này xem thử').intent).toBe('greeting');
    expect(understand('chào ad, cho mình hỏi về lương hưu').intent).toBe('none');
  });

  it('thanks for what one did thanks to the bot is thanks', () => {
    expect(understand('Nhờ ad hướng dẫn mà mình đăng ký tạm trú cho con nhanh lắm, cảm ơn ad nha').intent).toBe('thanks');
  });

  it('a busy line of an unrelated service, in English, is not covered', () => {
    expect(understand('No electricity since morning and the power company line is always busy.').intent).toBe('none');
  });
});
