import { firstSentence } from '../../dialogs/localText';

describe('firstSentence', () => {
  it.each([
    ['One. Two.', 'One.'],
    ['Phí 200.000 đồng/lần. Từ bản thứ 3, mỗi bản 5.000 đồng.', 'Phí 200.000 đồng/lần.'],
    ['Since then, whether someone may request Certificate No. 2 for you may differ. Ask first.', 'Since then, whether someone may request Certificate No. 2 for you may differ.'],
    ['Bring e.g. a copy of the ID. Then go.', 'Bring e.g. a copy of the ID.'],
    ['Fee: 200,000 VND per request. 3 copies or more cost 5,000 VND each.', 'Fee: 200,000 VND per request.'],
    ['Có được không? Được.', 'Có được không?'],
    ['Nộp tại UBND xã (TP. Thanh Hóa). Sau đó chờ.', 'Nộp tại UBND xã (TP. Thanh Hóa).'],
    ['No full stop at all', 'No full stop at all'],
    ['Ends here.', 'Ends here.'],
    ['Version 1.5 is "new". "Old" is gone.', 'Version 1.5 is "new".'],
  ])('%j → %j', (text, first) => {
    expect(firstSentence(text)).toBe(first);
  });
});
