import { parseButtonMemory, pickButton, rememberOffer, titleKey } from '../../dialogs/buttonMemory';
import type { Button } from '../../dialogs/actions';

const BUTTONS: Button[] = [
  { title: 'Giấy tờ cần chuẩn bị', also: ['Papers to prepare'], action: { kind: 'entry', id: 'khai-sinh', aspect: 'documents' } },
  { title: 'Gặp cán bộ', also: ['Talk to an officer'], action: { kind: 'menu', item: 'officer' } },
  { title: 'Có', also: ['Yes'], action: { kind: 'reply', flow: 'checklist', value: 'yes' } },
];

const pick = (memory: ReturnType<typeof rememberOffer>, text: string, token?: string) => pickButton(memory, { text, folded: titleKey(text), token });

describe('buttons by token', () => {
  const first = rememberOffer(undefined, BUTTONS);
  const second = rememberOffer(first, BUTTONS.slice(0, 1));

  it('gives each button of an offer a short token with the offer number; main-menu items a fixed one', () => {
    expect(first.items.map((item) => item.token)).toEqual(['~1.0', '~m.officer', '~1.2']);
    expect(second.items.map((item) => item.token)).toEqual(['~2.0']);
  });

  it('a tap (payload), a text that is the payload, the number, the title in either language with or without marks: the same button', () => {
    for (const [text, token] of [['x', '~1.2'], ['~1.2', undefined], ['3', undefined], ['3.', undefined], ['Có', undefined], ['co', undefined], ['YES', undefined]] as const) {
      expect({ text, pick: pick(first, text, token) }).toEqual({ text, pick: { kind: 'live', action: BUTTONS[2].action, index: 2 } });
    }
    expect(pick(first, 'papers to prepare')).toMatchObject({ kind: 'live', index: 0 });
    expect(pick(first, 'giay to can chuan bi')).toMatchObject({ kind: 'live', index: 0 });
  });

  it('a token of an earlier offer is stale; a menu token never is; other text picks nothing', () => {
    expect(pick(second, 'Có', '~1.2')).toEqual({ kind: 'stale' });
    expect(pick(second, '', '~m.officer')).toEqual({ kind: 'live', action: { kind: 'menu', item: 'officer' }, index: -1 });
    expect(pick(second, '', '~m.nothing')).toEqual({ kind: 'stale' });
    expect(pick(second, 'dang ky ket hon')).toBeNull();
    expect(pick(second, '7')).toBeNull();
  });

  it('a stored memory that does not fit is dropped whole', () => {
    expect(parseButtonMemory(JSON.parse(JSON.stringify(first)))).toEqual(first);
    expect(parseButtonMemory({ offer: 1, items: [{ token: '~1.0', titles: ['x'], action: { kind: 'explode' } }] })).toBeUndefined();
    expect(parseButtonMemory('nonsense')).toBeUndefined();
  });
});
