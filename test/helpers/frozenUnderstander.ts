import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { Understander } from '../../bot/understanding/understander';
import { FROZEN_KB } from './paths';

/** The understander of the frozen knowledge base (test/fixtures/knowledge), built once per test file in beforeAll. */
export function frozenUnderstander(): Understander {
  const { kb } = loadKnowledge(FROZEN_KB);
  if (!kb) throw new Error('knowledge/ does not load');
  return new Understander(kb);
}
