/**
 * Conversations as data: what the user says, and what the bot's replies to that message must contain (text or
 * `[Button]`), and must not contain. Every turn is also checked to send at most 3 messages.
 */
export interface Step {
  /** Typed text, or (with `tap`) the title of a button to tap instead. */
  say: string;
  tap?: boolean;
  expect?: string[];
  not?: string[];
}

export interface Script {
  name: string;
  steps: Step[];
}

const MENU = ['[Hỏi về thủ tục]', '[Tra cứu hồ sơ]', '[Nộp trực tuyến]', '[Gặp cán bộ]', '[Quyền riêng tư]'];
const ANSWER_BUTTONS = ['[Kiểm tra giấy tờ của tôi]', '[Nộp trực tuyến]', '[Câu hỏi khác]', '[👍 Hữu ích]', '[👎 Chưa đúng]'];

export const SCRIPTS: Script[] = [
  {
    name: 'welcome with the menu and the privacy line',
    steps: [{ say: 'xin chao', expect: ['Xin chào', 'không cần số căn cước', ...MENU] }],
  },
  {
    name: 'first contact with a question: the privacy line comes first, once',
    steps: [
      { say: 'dang ky ket hon', expect: ['không cần số căn cước', 'Đăng ký kết hôn'] },
      { say: 'dang ky tam tru', expect: ['Đăng ký tạm trú'], not: ['không cần số căn cước'] },
    ],
  },
  {
    name: 'procedure overview, unaccented, with the next buttons',
    steps: [
      {
        say: 'dang ky tam tru',
        expect: ['Đăng ký tạm trú', '⏱ Thời gian giải quyết', '💰 Lệ phí', '15.000', '📍 Nộp ở đâu', '[Giấy tờ cần chuẩn bị]', ...ANSWER_BUTTONS],
      },
      { say: 'Giấy tờ cần chuẩn bị', expect: ['Giấy tờ cần chuẩn bị cho "Đăng ký tạm trú"', '•', '[Tổng quan]'] },
      { say: 'Tổng quan', expect: ['⏱ Thời gian giải quyết'] },
    ],
  },
  {
    name: 'an aspect question is answered first, and follow-ups stay on the procedure',
    steps: [
      { say: 'lam ho chieu het bao nhieu tien', expect: ['Cấp hộ chiếu phổ thông', 'Lệ phí:'], not: ['⏱'] },
      { say: 'con mat may ngay', expect: ['Cấp hộ chiếu phổ thông', 'Thời gian giải quyết:'], not: ['Lệ phí:'] },
      { say: 'nop o dau', expect: ['Cấp hộ chiếu phổ thông', 'Nộp ở đâu:'] },
      { say: 'can mang gi', expect: ['Giấy tờ cần chuẩn bị cho "Cấp hộ chiếu phổ thông trong nước"'] },
      { say: 'dang ky tam tru thi sao', expect: ['Đăng ký tạm trú'], not: ['hộ chiếu'] },
    ],
  },
  {
    name: 'English question, English answer and follow-up',
    steps: [
      { say: 'How do I get a passport?', expect: ['passport', '[Apply online]', '[Another question]', '[👍 Helpful]'] },
      { say: 'how much is the fee', expect: ['Fee:'] },
    ],
  },
  {
    name: 'did you mean: a number picks a choice, "none of these" is honest',
    steps: [
      { say: 'tro cap', expect: ['Tôi chưa chắc bạn hỏi thủ tục nào', '[Trợ cấp xã hội hằng tháng (người cao tuổi, người khuyết tật, trẻ em mồ côi...)]', '[Không phải]'] },
      { say: 'Không phải', expect: ['Bạn thử gõ lại tên thủ tục', 'Thứ Hai', ...MENU] },
      { say: 'tro cap', expect: ['Tôi chưa chắc'] },
      { say: '1', expect: ['📄', '[Kiểm tra giấy tờ của tôi]'], not: ['Tôi chưa chắc'] },
    ],
  },
  {
    name: 'out of scope: the bot says it does not know and offers the desk and an officer',
    steps: [
      { say: 'cach nau pho bo ngon', expect: ['chưa có thông tin', 'Thứ Hai', '[Gặp cán bộ]'] },
      { say: 'Thủ tục nhận con nuôi cần giấy tờ gì', expect: ['chưa có thông tin'], not: ['Đăng ký nhận cha, mẹ, con'] },
    ],
  },
  {
    name: 'papers check, unaccented: questions, papers one by one, "Không rõ", summary with the missing ones',
    steps: [
      { say: 'lam giay khai sinh can nhung gi', expect: ['Giấy tờ cần chuẩn bị cho "Đăng ký khai sinh"', '[Kiểm tra giấy tờ của tôi]'] },
      { say: 'Kiểm tra giấy tờ của tôi', expect: ['Tôi sẽ hỏi vài câu', 'bệnh viện', '[Có]', '[Không]'] },
      { say: 'co', expect: ['(1/3)', 'tờ khai đăng ký khai sinh', '[Có rồi]', '[Chưa có]', '[Không rõ]'], not: ['kết hôn'] },
      { say: 'co roi', expect: ['(2/3)', 'giấy chứng sinh'] },
      { say: 'khong ro', expect: ['bệnh viện', '(2/3)', '[Chưa có]'], not: ['[Không rõ]'] },
      { say: 'chua co', expect: ['(3/3)'] },
      {
        say: 'co roi',
        expect: ['Kết quả kiểm tra giấy tờ', '✅ Bạn đã có:', '❌ Còn thiếu:', 'Giấy chứng sinh', 'bệnh viện', 'https://dichvucong.gov.vn'],
      },
    ],
  },
  {
    name: 'papers check in English',
    steps: [
      { say: 'How do I register a birth?', expect: ['Birth registration'] },
      { say: 'Check my papers', expect: ['I will ask a few questions', 'hospital', '[Yes]', '[No]'] },
      { say: 'No', expect: ['witness'] },
      { say: 'No', expect: ['(1/3)', '[I have it]', '[Not yet]', '[Not sure]'], not: ['married'] },
      { say: 'I have it', expect: ['(2/3)'] },
      { say: 'Not yet', expect: ['(3/3)'] },
      { say: 'I have it', expect: ['Your papers for "Birth registration"', '✅ You have:', '❌ Still missing:', 'commitment'] },
    ],
  },
  {
    name: 'a question in the middle pauses the check; "tiếp tục" resumes it; "thoát" leaves it',
    steps: [
      { say: 'dang ky tam tru', expect: ['Đăng ký tạm trú'] },
      { say: 'Kiểm tra giấy tờ của tôi', expect: ['Tôi sẽ hỏi vài câu'] },
      { say: 'co', expect: ['[Có]'] },
      { say: 'ho chieu lam o dau', expect: ['Cấp hộ chiếu phổ thông', 'Nộp ở đâu', 'đang tạm dừng', 'tiếp tục'] },
      { say: 'tiep tuc', expect: ['18 tuổi', '[Có]'] },
      { say: 'thoat', expect: ['Đã dừng', ...MENU] },
      { say: 'tiep tuc', expect: ['Không có việc nào đang dở'] },
    ],
  },
  {
    name: 'help inside the check explains and asks again; a wrong reply is asked again',
    steps: [
      { say: 'dang ky ket hon', expect: ['Đăng ký kết hôn'] },
      { say: 'Kiểm tra giấy tờ của tôi', expect: ['Tôi sẽ hỏi vài câu'] },
      { say: 'tro giup', expect: ['Bạn đang kiểm tra giấy tờ cho "Đăng ký kết hôn"', '[Có]'] },
      { say: 'abc xyz', expect: ['Bạn chọn giúp tôi', '[Có]'] },
    ],
  },
  {
    name: '"Kiểm tra giấy tờ" before naming a procedure asks which one, then starts',
    steps: [
      { say: 'Kiểm tra giấy tờ của tôi', expect: ['thủ tục nào'] },
      { say: 'dang ky ket hon', expect: ['Tôi sẽ hỏi vài câu', 'Đăng ký kết hôn'] },
    ],
  },
  {
    name: 'handoff gives the desk, its hours, a phone line, the provincial centre, and notes the request',
    steps: [
      {
        say: 'cho toi gap can bo',
        expect: ['Để được cán bộ hỗ trợ', 'nơi bạn cư trú', 'Giờ làm việc', 'Thứ Hai', '1800 1096', 'Cổng Dịch vụ công quốc gia', 'Số 28 Đại lộ Lê Lợi', 'ghi nhận', ...MENU],
        not: ['nơi bạn cư trú nơi'],
      },
    ],
  },
  {
    name: 'a former commune of Vĩnh Lộc district is told which new commune serves it, with or without marks',
    steps: [
      { say: 'tôi ở xã Vĩnh Tiến cũ thì nộp hồ sơ ở đâu', expect: ['Xã Vĩnh Tiến cũ', 'nay thuộc xã Tây Đô', 'Trung tâm Phục vụ hành chính công', 'hỏi lại cán bộ xã', ...MENU] },
      { say: 'Vĩnh Hưng', expect: ['nay thuộc xã Vĩnh Lộc'], not: ['Biện Thượng'] },
      { say: 'vinh hung', expect: ['Vĩnh Hưng cũ', 'xã Vĩnh Lộc', 'Vĩnh Hùng cũ', 'xã Biện Thượng'] },
      { say: 'huyen vinh loc cu', expect: ['Huyện Vĩnh Lộc cũ nay là 3 xã', 'Tây Đô', 'Biện Thượng'] },
    ],
  },
  {
    name: 'a procedure asked for a former commune: which commune first, then the answer',
    steps: [{ say: 'làm giấy khai sinh ở Minh Tân', expect: ['Xã Minh Tân cũ', 'nay thuộc xã Biện Thượng', '📄 Đăng ký khai sinh'] }],
  },
  {
    name: 'a place named in a question the bot is unsure of or does not cover: which commune first, then "did you mean" or "I don\'t know"',
    steps: [
      { say: 'tôi ở Vĩnh Tiến, muốn làm giấy cho con mới đẻ', expect: ['nay thuộc xã Tây Đô', 'Đăng ký khai sinh'], not: ['Địa chỉ và số điện thoại của xã Tây Đô'] },
      { say: 'Nhà tôi ở Vĩnh Hùng cũ, tôi muốn hỏi về việc đăng ký tàu cá thì làm ở đâu?', expect: ['nay thuộc xã Biện Thượng', 'chưa có thông tin đáng tin cậy'] },
    ],
  },
  {
    name: 'a former commune in English',
    steps: [{ say: 'I live in Vinh Tien, where do I file?', expect: ['The former Vĩnh Tiến commune', 'Tây Đô commune'] }],
  },
  {
    name: 'language: English please, then back to Vietnamese',
    steps: [
      { say: 'English please', expect: ['I will answer in English', '[Ask about a procedure]'] },
      { say: 'dang ky tam tru', expect: ['Temporary residence registration', '[Papers to prepare]'] },
      { say: 'tiếng Việt', expect: ['Tôi sẽ trả lời bằng tiếng Việt', ...MENU] },
      { say: 'dang ky tam tru', expect: ['Đăng ký tạm trú'] },
    ],
  },
  {
    name: 'feedback after an answer',
    steps: [
      { say: 'chung thuc chu ky', expect: ['[👍 Hữu ích]'] },
      { say: '👍 Hữu ích', expect: ['Cảm ơn bạn'] },
      { say: 'chung thuc chu ky', expect: ['[👎 Chưa đúng]'] },
      { say: '👎 Chưa đúng', expect: ['góp ý', '[Gặp cán bộ]'] },
    ],
  },
  {
    name: 'privacy: what is kept and for how long',
    steps: [{ say: 'Quyền riêng tư', expect: ['không cần số căn cước', '30 ngày', '24 giờ'] }],
  },
  {
    name: 'browsing the menu: groups, then procedures, then an answer',
    steps: [
      { say: 'xin chao', expect: ['[Hỏi về thủ tục]'] },
      { say: '1', expect: ['Tôi trả lời về các thủ tục', '[Hộ tịch]', '[Đất đai, xây dựng]'] },
      { say: 'Đất đai, xây dựng', expect: ['[Tách thửa, hợp thửa đất]'] },
      { say: 'Tách thửa, hợp thửa đất', expect: ['📄 Tách thửa, hợp thửa đất', '💰 Lệ phí'] },
    ],
  },
  {
    name: 'dossier status: an unknown code is "not found" with where to check; the menu item asks where the code is printed',
    steps: [
      { say: 'tra cuu ho so 000.00.20.H56-240322-0056', expect: ['không tìm thấy hồ sơ có mã 000.00.20.H56-240322-0056', 'dichvucong.gov.vn', '[Tra cứu hồ sơ khác]'] },
      { say: 'Tra cứu hồ sơ', expect: ['mã hồ sơ', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'] },
      { say: 'H56-240315-001', expect: ['chưa đúng dạng mã hồ sơ', '000.17.22.H56-210531-0001'] },
    ],
  },
  {
    name: 'thanks and a stray "có" outside any question',
    steps: [
      { say: 'cam on ban nhieu', expect: ['Rất vui được giúp bạn', ...MENU] },
      { say: 'co', expect: ['Bạn cứ gõ câu hỏi'] },
    ],
  },
  {
    name: '"Nộp trực tuyến" from the menu, with and without a procedure asked before',
    steps: [
      { say: 'Nộp trực tuyến', expect: ['Cách nộp hồ sơ trực tuyến'] },
      { say: 'dang ky thuong tru', expect: ['Đăng ký thường trú'] },
      { say: 'Nộp trực tuyến', expect: ['toàn trình', 'https://dichvucong.gov.vn'] },
    ],
  },
  {
    name: 'a staff FAQ asked without marks gets the staff\'s answer, then the entry\'s buttons',
    steps: [
      {
        say: 'dang ky khai sinh qua han 60 ngay thi sao',
        expect: ['Đăng ký khai sinh quá hạn 60 ngày thì sao?', 'Vẫn đăng ký được', '[Giấy tờ cần chuẩn bị]', '[Kiểm tra giấy tờ của tôi]', '[👍 Hữu ích]'],
        not: ['⏱ Thời gian giải quyết'],
      },
      { say: 'cha me chua dang ky ket hon thi khai sinh the nao', expect: ['Vẫn khai sinh bình thường'] },
    ],
  },
  {
    name: 'an FAQ of the entry just discussed, asked without naming it, in English',
    steps: [
      { say: 'How do I get a food safety certificate?', expect: ['Food safety'] },
      { say: 'How long is the certificate valid?', expect: ['3 years'] },
    ],
  },
  {
    name: 'a topic\'s links come as link buttons; related entries are offered',
    steps: [
      { say: 'dich vu cong muc do 4 la gi', expect: ['toàn trình', '[Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn)'] },
      { say: 'dang ky ket hon', expect: ['[Cấp Giấy xác nhận tình trạng hôn nhân]', '[Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn)'] },
    ],
  },
  {
    name: 'legal basis, typed or as a follow-up',
    steps: [
      { say: 'can cu phap ly cua dang ky ket hon', expect: ['Căn cứ pháp lý của "Đăng ký kết hôn"', 'Luật Hộ tịch 2014'] },
      { say: 'dang ky tam tru', expect: ['Đăng ký tạm trú'] },
      { say: 'legal basis', expect: ['"Đăng ký tạm trú"', 'Luật Cư trú'] },
    ],
  },
  {
    name: 'document notes appear in the documents answer and in the papers check',
    steps: [
      { say: 'cai chinh ho tich can giay to gi', expect: ['ℹ️'] },
      { say: 'Kiểm tra giấy tờ của tôi', tap: true, expect: ['Tôi sẽ hỏi vài câu'] },
    ],
  },
  {
    name: 'buttons tapped carry their token; a button of an earlier offer is stale, a menu button never is',
    steps: [
      { say: 'xin chao', expect: ['[Hỏi về thủ tục]'] },
      { say: 'dang ky tam tru', expect: ['[Giấy tờ cần chuẩn bị]'] },
      { say: 'Giấy tờ cần chuẩn bị', tap: true, expect: ['Giấy tờ cần chuẩn bị cho "Đăng ký tạm trú"', '[Tổng quan]'] },
      { say: 'Kiểm tra giấy tờ của tôi', tap: true, expect: ['Tôi sẽ hỏi vài câu'] },
      { say: 'Có', tap: true, expect: ['18 tuổi'] },
      { say: 'Tổng quan', tap: true, expect: ['tin nhắn trước', '18 tuổi', '[Có]'] },
      { say: 'Quyền riêng tư', tap: true, expect: ['không cần số căn cước', '24 giờ', '18 tuổi', '[Có]'], not: ['tạm dừng'] },
      { say: 'Tra cứu hồ sơ', tap: true, expect: ['Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'đang tạm dừng'] },
      { say: 'tiep tuc', expect: ['18 tuổi', '[Có]'] },
    ],
  },
  {
    name: 'inside a check, help, "menu" and language keep it; a question pauses it',
    steps: [
      { say: 'dang ky ket hon', expect: ['Đăng ký kết hôn'] },
      { say: 'Kiểm tra giấy tờ của tôi', tap: true, expect: ['Tôi sẽ hỏi vài câu'] },
      { say: 'menu', expect: ['Bạn đang kiểm tra giấy tờ cho "Đăng ký kết hôn"', '[Có]'], not: ['Đã dừng'] },
      { say: 'English please', expect: ['I will answer in English', '[Yes]'] },
      { say: 'tiếng Việt', expect: ['tiếng Việt', '[Có]'] },
      { say: 'Yes', expect: ['[Có]'] },
    ],
  },
  {
    name: 'a message over 2,000 characters is read on its first part, and the user is told',
    steps: [{ say: `dang ky tam tru can giay to gi ${'xin cam on rat nhieu '.repeat(120)}`, expect: ['dài quá', 'Giấy tờ cần chuẩn bị cho "Đăng ký tạm trú"'] }],
  },
];
