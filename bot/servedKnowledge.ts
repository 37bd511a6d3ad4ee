import type { KnowledgeSnapshot, ServedKnowledge } from '../dialogs/services';
import type { KnowledgeStore } from './knowledge/knowledgeStore';
import type { KnowledgeBase } from './knowledge/types';
import type { Logger } from './logger';
import { Understander } from './understanding/understander';

/**
 * The knowledge base and the understanding built from it, swapped together in one assignment when the folder
 * changes: a turn takes one snapshot and is understood and answered with that version throughout. If the index
 * cannot be built for a new version (a bug, not a content error: content errors are refused by the store), the
 * previous pair stays.
 */
export class ServedKnowledgePair implements ServedKnowledge {
  private pair: KnowledgeSnapshot;

  constructor(store: KnowledgeStore, private readonly logger: Logger) {
    this.pair = build(store.current);
    store.subscribe((kb) => this.swap(kb));
  }

  snapshot(): KnowledgeSnapshot {
    return this.pair;
  }

  get kb(): KnowledgeBase {
    return this.pair.kb;
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

function build(kb: KnowledgeBase): KnowledgeSnapshot {
  return Object.freeze({ kb, understander: new Understander(kb) });
}
