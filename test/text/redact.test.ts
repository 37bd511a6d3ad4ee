import { redactPersonalData } from '../../bot/text/redact';

describe('redactPersonalData', () => {
  it.each([
    ['số tôi 0912 345 678 nhé', 'số tôi [number] nhé'],
    ['cccd 038095001234', 'cccd [number]'],
    ['cccd038095001234', 'cccd[number]'],
    ['mail nguyenvana@gmail.com giúp', 'mail [email] giúp'],
    ['+84 912-345-678', '[number]'],
    ['stk 19034567890123 vietcombank', 'stk [number] vietcombank'],
  ])('hides numbers and addresses: %p', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it.each([
    ['hồ sơ 000.00.20.H56-240322-0056 nộp năm 2024, 3 ngày', 'hồ sơ [code] nộp năm 2024, 3 ngày'],
    ['mã hồ sơ H56.22-240315-0012 đến đâu rồi', 'mã hồ sơ [code] đến đâu rồi'],
    ['em sinh ngày 12/05/1990', 'em sinh ngày [code]'],
  ])('hides dossier codes and dates: %p', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it.each([
    ['Tôi là Nguyễn Văn An, cần làm hộ chiếu', 'Tôi là [name], cần làm hộ chiếu'],
    ['toi la nguyen van an can lam ho chieu', 'toi la [name] can lam ho chieu'],
    ['tên tôi là lan, muốn đăng ký kết hôn', 'tên tôi là [name], muốn đăng ký kết hôn'],
    ['em tên Hoa ạ', 'em tên [name] ạ'],
    ['Họ và tên: Trần Thị Bích Ngọc. SĐT 0987654321', 'Họ và tên: [name]. SĐT [number]'],
    ['cho hỏi tôi là Lê Hoàng', 'cho hỏi tôi là [name]'],
    ['My name is John Smith and I need a passport', 'My name is [name] and I need a passport'],
  ])('hides the name after "tôi là / tên": %p', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it.each([
    'tôi là người dân xã Vĩnh Hùng muốn hỏi',
    'thủ tục đổi tên là gì',
    'I am going to register a birth',
    'theo Nghị định 123/2015/NĐ-CP thì sao',
    'đăng ký khai sinh quá hạn 60 ngày, năm 2024',
  ])('keeps what is not personal: %p', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it('keeps at most 300 characters', () => {
    expect(redactPersonalData('a'.repeat(500))).toHaveLength(300);
  });
});
