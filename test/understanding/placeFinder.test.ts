import type { CommuneDirectory } from '../../bot/knowledge/types';
import { PlaceFinder } from '../../bot/understanding/placeFinder';

const DIRECTORY: CommuneDirectory = {
  formerDistrict: 'Vĩnh Lộc',
  checked: false,
  communes: [
    { name: 'Vĩnh Lộc', formerTowns: ['Vĩnh Lộc'], formerCommunes: ['Ninh Khang', 'Vĩnh Hưng'] },
    { name: 'Tây Đô', formerTowns: [], formerCommunes: ['Vĩnh Tiến', 'Vĩnh Yên'] },
    { name: 'Biện Thượng', formerTowns: [], formerCommunes: ['Vĩnh Hùng', 'Minh Tân'] },
  ],
};

const finder = new PlaceFinder(DIRECTORY);
const found = (message: string) => finder.find(message);

describe('PlaceFinder', () => {
  it('finds a former commune, with or without marks, and what is left of the message', () => {
    expect(found('Tôi ở xã Vĩnh Tiến cũ thì nộp hồ sơ ở đâu?')).toEqual({
      mentions: [{ kind: 'formerCommune', name: 'Vĩnh Tiến', commune: 'Tây Đô' }],
      rest: 'Tôi ở xã cũ thì nộp hồ sơ ở đâu?',
    });
    expect(found('lam khai sinh o vinh tien').mentions).toEqual([{ kind: 'formerCommune', name: 'Vĩnh Tiến', commune: 'Tây Đô' }]);
    expect(found('VĨNH YÊN').mentions).toEqual([{ kind: 'formerCommune', name: 'Vĩnh Yên', commune: 'Tây Đô' }]);
  });

  it('keeps marks apart when they are typed, and names both places when they are not', () => {
    expect(found('xã Vĩnh Hưng').mentions).toEqual([{ kind: 'formerCommune', name: 'Vĩnh Hưng', commune: 'Vĩnh Lộc' }]);
    expect(found('xã Vĩnh Hùng').mentions).toEqual([{ kind: 'formerCommune', name: 'Vĩnh Hùng', commune: 'Biện Thượng' }]);
    expect(found('xa vinh hung').mentions.map((mention) => mention.name).sort()).toEqual(['Vĩnh Hùng', 'Vĩnh Hưng']);
  });

  it('reads the new commune and the former district for "Vĩnh Lộc", not the town of the same name again', () => {
    expect(found('Vĩnh Lộc').mentions).toEqual([
      { kind: 'commune', name: 'Vĩnh Lộc', commune: 'Vĩnh Lộc' },
      { kind: 'formerDistrict', name: 'Vĩnh Lộc', commune: null },
    ]);
    expect(found('tôi ở xã Tây Đô').mentions).toEqual([{ kind: 'commune', name: 'Tây Đô', commune: 'Tây Đô' }]);
  });

  it('finds nothing in a message that names no place, nor in half a name', () => {
    expect(found('làm căn cước cho con')).toEqual({ mentions: [], rest: 'làm căn cước cho con' });
    expect(found('vinh quang').mentions).toEqual([]);
    expect(found('minh').mentions).toEqual([]);
    expect(new PlaceFinder({ checked: false, communes: [] }).find('Vĩnh Tiến').mentions).toEqual([]);
  });

  it('takes places elsewhere out of the message without naming them, in any spelling; a served name wins', () => {
    const elsewhere = new PlaceFinder(DIRECTORY, ['Thanh Hóa', 'Thanh Hoa', 'Hà Nội', 'Hanoi', 'Ho Chi Minh City', 'Vĩnh Lộc']);
    expect(elsewhere.find('I live in Thanh Hoa, how long does a passport take?')).toEqual({
      mentions: [],
      rest: 'I live in , how long does a passport take?',
    });
    expect(elsewhere.find('làm hộ chiếu ở Thanh Hoá mất bao lâu').rest).toBe('làm hộ chiếu ở mất bao lâu');
    expect(elsewhere.find('nha em o ha noi, lam ho chieu o dau').rest).toBe('nha em o , lam ho chieu o dau');
    expect(elsewhere.find('from Ho Chi Minh City to Hanoi').rest).toBe('from to');
    // Typed with marks, the marks must be the name's: "thành hòa" is no "Thanh Hóa".
    expect(elsewhere.find('thành hòa').rest).toBe('thành hòa');
    expect(elsewhere.find('tôi ở Vĩnh Lộc').mentions.map((mention) => mention.kind)).toEqual(['commune', 'formerDistrict']);
  });

  it('takes the word saying what kind of place with a place elsewhere, never with a served one', () => {
    const withKinds = new PlaceFinder(DIRECTORY, ['Thanh Hóa', 'Thanh Hoa', 'Thọ Xuân'], ['tỉnh', 'huyện', 'thị xã', 'province', 'xã']);
    expect(withKinds.find('lên tỉnh Thanh Hóa hay về huyện Thọ Xuân').rest).toBe('lên hay về');
    expect(withKinds.find('I live in Thanh Hoa province now').rest).toBe('I live in now');
    expect(withKinds.find('Tôi ở xã Vĩnh Tiến cũ').rest).toBe('Tôi ở xã cũ');
    expect(withKinds.find('làm ở tỉnh hay ở xã').rest).toBe('làm ở tỉnh hay ở xã');
  });
});
