import { DossierCodeReader } from '../../bot/dossiers/dossierCode';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { Understander } from '../../bot/understanding/understander';
import { FROZEN_KB } from '../helpers/paths';

/** Local code shapes (DOSSIER_CODE_PATTERNS) as the understanding reads them, and the language around any code. */
const PATTERNS = ['HS-\\d{4}-\\d{5}', 'UBND\\.VL\\.\\d{6}'];

describe('dossier codes in the understanding', () => {
  let local: Understander;
  let plain: Understander;
  beforeAll(() => {
    const { kb } = loadKnowledge(FROZEN_KB);
    if (!kb) throw new Error('the frozen knowledge base does not load');
    local = new Understander(kb, undefined, new DossierCodeReader(PATTERNS));
    plain = new Understander(kb);
  });

  it.each([
    ['HS-2024-00123', 'HS-2024-00123'],
    ['cho em hoi HS-2024-00123 the nao roi', 'HS-2024-00123'],
    ['what about hs-2024-00123', 'HS-2024-00123'],
    ['kiểm tra giúp mình UBND.VL.123456 với', 'UBND.VL.123456'],
    ['where is ubnd.vl.123456 now', 'UBND.VL.123456'],
  ])('a code in a configured shape makes "%s" a lookup of %s', (text, code) => {
    expect(local.understand(text)).toMatchObject({ intent: 'status', code, decision: 'answer' });
  });

  it('without the pattern the same words are no lookup (the shape is the configuration\'s, not a guess)', () => {
    expect(plain.understand('what about HS-2024-00123')).toMatchObject({ code: null });
    expect(plain.understand('what about HS-2024-00123').intent).not.toBe('status');
  });

  it.each([
    ['status HS-2024-00123', 'en'],
    ['status of my file UBND.VL.123456 please', 'en'],
    ['where is UBND.VL.123456 now', 'en'],
    ['status of XA.VL.UBND.H56-231027-0361', 'en'],
    ['is 000.17.22.H56-210531-0001 done yet', 'en'],
    ['hs HS-2024-00123 xong chua', 'vi'],
    ['ho so UBND.VL.123456 cua toi sao roi', 'vi'],
    ['hồ sơ HS-2024-00123 giờ sao rồi', 'vi'],
    ['ho so XA.VL.UBND.H56-231027-0361 cua toi den dau roi', 'vi'],
  ])('the language of "%s" is that of its words, not of its code: %s', (text, language) => {
    expect(local.understand(text).language).toBe(language);
  });

  it('a code alone tells no language (the chat keeps the one it had)', () => {
    expect(local.understand('HS-2024-00123').language).toBeNull();
    expect(local.understand('XA.VL.UBND.H56-231027-0361').language).toBeNull();
  });
});

describe('classify reads the configured shapes too', () => {
  it('DOSSIER_CODE_PATTERNS from the environment', async () => {
    const { openClassifier } = await import('../../bot/cli/classify');
    const classify = openClassifier(FROZEN_KB, () => {}, { DOSSIER_CODE_PATTERNS: PATTERNS.join(' ') });
    expect(classify?.('what about HS-2024-00123')).toMatchObject({ action: 'status', understanding: { code: 'HS-2024-00123' } });
    const errors: string[] = [];
    expect(openClassifier(FROZEN_KB, (line) => errors.push(line), { DOSSIER_CODE_PATTERNS: 'HS-(' })).toBeNull();
    expect(errors.join('\n')).toContain('DOSSIER_CODE_PATTERNS');
  });
});
