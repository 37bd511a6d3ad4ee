import type { ServedKnowledge } from '../dialogs/services';
import type { KnowledgeStore } from './knowledge/knowledgeStore';
import type { KnowledgeBase } from './knowledge/types';
import type { Logger } from './logger';
import { Understander } from './understanding/understander';

/**
 * The knowledge base and the understanding built from it, swapped together in one assignment when the folder
 * changes: a message is always understood and answered with the same version. If the index cannot be built for a
 * new version (a bug, not a content error: content errors are refused by the store), the previous pair stays.
 */
export class ServedKnowledgePair implements ServedKnowledge {
  private pair: { kb: KnowledgeBase; understander: Understander };

  constructor(store: KnowledgeStore, private readonly logger: Logger) {
    this.pair = build(store.current);
    store.subscribe((kb) => this.swap(kb));
  }

  get kb(): KnowledgeBase {
    return this.pair.kb;
  }

  get understander(): Understander {
    return this.pair.understander;
  }

  private swap(kb: KnowledgeBase): void {
    const started = performance.now();
    try {
      this.pair = build(kb);
      this.logger.info({ version: kb.version, ms: Math.round(performance.now() - started) }, 'understanding rebuilt');
    } catch (error) {
      this.logger.error({ err: error, version: kb.version }, 'could not build the understanding; keeping the previous version');
    }
  }
}

function build(kb: KnowledgeBase): { kb: KnowledgeBase; understander: Understander } {
  return { kb, understander: new Understander(kb) };
}
