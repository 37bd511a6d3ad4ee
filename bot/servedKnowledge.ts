import type { KnowledgeSnapshot, ServedKnowledge } from '../dialogs/services';
import { DEFAULT_CODE_READER, type DossierCodeReader } from './dossiers/dossierCode';
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

  /** `codes`: the dossier code shapes the understanding recognises (the default one and DOSSIER_CODE_PATTERNS). */
  constructor(
    store: KnowledgeStore,
    private readonly logger: Logger,
    readonly codes: DossierCodeReader = DEFAULT_CODE_READER,
  ) {
    this.pair = build(store.current, codes);
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
      this.pair = build(kb, this.codes);
      this.logger.info({ version: kb.version, ms: Math.round(performance.now() - started) }, 'understanding rebuilt');
    } catch (error) {
      this.logger.error({ err: error, version: kb.version }, 'could not build the understanding; keeping the previous version');
    }
  }
}

function build(kb: KnowledgeBase, codes: DossierCodeReader): KnowledgeSnapshot {
  return Object.freeze({ kb, understander: new Understander(kb, undefined, codes) });
}
