import { Conversation, flatten } from '../helpers/conversation';
import { SCRIPTS } from './scripts';

describe('conversations', () => {
  for (const script of SCRIPTS) {
    it(script.name, async () => {
      const conversation = new Conversation();
      for (const step of script.steps) {
        const replies = step.tap ? await conversation.tap(step.say) : await conversation.say(step.say);
        const seen = flatten(replies);
        const context = `after ${step.tap ? 'tapping' : ''} "${step.say}" the bot said:\n${seen}`;
        expect({ context, messages: replies.length }).toEqual({ context, messages: expect.any(Number) });
        expect(replies.length).toBeGreaterThan(0);
        expect(replies.length).toBeLessThanOrEqual(3);
        for (const part of step.expect ?? []) expect({ context, contains: seen.includes(part) ? part : `MISSING ${part}` }).toEqual({ context, contains: part });
        for (const part of step.not ?? []) expect({ context, absent: !seen.includes(part) }).toEqual({ context, absent: true });
      }
    });
  }
});
