import type { Normalizer } from '../../bot/understanding/normalizer';
import { Conversation } from '../helpers/conversation';

describe('one knowledge snapshot and one normalisation per turn', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(['dang ky ket hon', 'Kiểm tra giấy tờ của tôi', 'co', 'lam ho chieu het bao nhieu tien', 'How do I get a passport?'])('"%s"', async (text) => {
    const conversation = new Conversation();
    await conversation.say('dang ky ket hon');
    const served = conversation.runtime.served;
    const snapshot = jest.spyOn(served, 'snapshot');
    const { normalizer } = served.snapshot().understander as unknown as { normalizer: Normalizer };
    const normalize = jest.spyOn(normalizer, 'normalize');
    snapshot.mockClear();
    await conversation.say(text);
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(normalize).toHaveBeenCalledTimes(1);
  });
});
