import type { Logger } from '../logger';
import { FolderWatcher } from './folderWatcher';
import { loadKnowledge, type LoadCache } from './loadKnowledge';
import { countBySeverity, formatProblem, type Problem } from './problem';
import { ENTRY_FOLDERS } from './readKnowledgeFiles';
import type { KnowledgeBase } from './types';

export type KnowledgeListener = (kb: KnowledgeBase) => void;

export type ReloadOutcome =
  | { status: 'updated' | 'unchanged'; kb: KnowledgeBase; problems: Problem[] }
  | { status: 'refused'; problems: Problem[] };

/** The last reload that was refused, while the folder stays broken (null once a reload succeeds): for /healthz. */
export interface ReloadError {
  /** When the refused reload ran. */
  at: string;
  errors: number;
  /** The first errors, `file:line:col: error: message` (relative to the knowledge folder). */
  problems: string[];
}

/** How many refused-reload errors /healthz lists. */
const REPORTED_PROBLEMS = 5;

export interface KnowledgeStoreOptions {
  logger: Logger;
  /** Quiet time after the last file event before reloading: one save is often several events. */
  debounceMs?: number;
  /** Told how each reload went (the metrics); 'failed' is an unexpected error during a watched reload. */
  onReload?: (outcome: ReloadOutcome['status'] | 'failed') => void;
}

/** The first load failed: there is no good version to serve, so the bot must not start. */
export class KnowledgeLoadError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: Problem[],
  ) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    const list = errors.map((error) => formatProblem(error)).join('\n');
    super(`the knowledge base in ${dir} has ${errors.length} error(s):\n${list}`);
    this.name = 'KnowledgeLoadError';
  }
}

/**
 * Holds the knowledge base being served. A new version is built whole, then swapped in with one assignment, so a
 * reader sees the old base or the new one, never a mix; a version with errors is logged and refused, and the last
 * good one keeps answering. Listeners (the search index) are called synchronously after each swap.
 */
export class KnowledgeStore {
  private readonly listeners = new Set<KnowledgeListener>();
  private readonly debounceMs: number;
  private readonly logger: Logger;
  private readonly onReload?: KnowledgeStoreOptions['onReload'];
  private watcher?: FolderWatcher;
  private timer?: NodeJS.Timeout;
  /** The last reload's refusal, while the folder is still broken; null once it is valid again. */
  private refused: ReloadError | null = null;

  private constructor(
    readonly dir: string,
    private kb: KnowledgeBase,
    private readonly cache: LoadCache,
    options: KnowledgeStoreOptions,
  ) {
    this.logger = options.logger;
    this.debounceMs = options.debounceMs ?? 250;
    this.onReload = options.onReload;
  }

  /** Loads the folder; throws KnowledgeLoadError, listing every error, when it cannot be served. */
  static open(dir: string, options: KnowledgeStoreOptions): KnowledgeStore {
    const cache: LoadCache = new Map();
    const { kb, problems } = loadKnowledge(dir, { cache });
    if (kb === undefined) throw new KnowledgeLoadError(dir, problems);
    const store = new KnowledgeStore(dir, kb, cache, options);
    store.logProblems(problems);
    store.logger.info({ version: kb.version, entries: kb.entries.length }, 'knowledge base loaded');
    return store;
  }

  get current(): KnowledgeBase {
    return this.kb;
  }

  /** Why the folder's current content is not served (the last good version is), or null when it is. */
  get reloadError(): ReloadError | null {
    return this.refused;
  }

  /** Loads the folder again; swaps the new version in only when it has no error. */
  reload(): ReloadOutcome {
    const outcome = this.load();
    this.onReload?.(outcome.status);
    return outcome;
  }

  private load(): ReloadOutcome {
    const { kb, problems } = loadKnowledge(this.dir, { cache: this.cache });
    if (kb === undefined) return this.refuse(problems);
    const wasRefused = this.refused !== null;
    this.refused = null;
    if (kb.version === this.kb.version) {
      if (wasRefused) this.logger.info({ version: kb.version }, 'knowledge folder valid again; the version served is unchanged');
      return { status: 'unchanged', kb: this.kb, problems };
    }
    this.kb = kb;
    this.logProblems(problems);
    this.logger.info({ version: kb.version, entries: kb.entries.length }, 'knowledge base reloaded');
    this.notify(kb);
    return { status: 'updated', kb, problems };
  }

  /** Reloads shortly after the folder changes (a change is served within about a second). Idempotent. */
  watch(): void {
    if (this.watcher !== undefined) return;
    const folders = ENTRY_FOLDERS.map(({ folder }) => folder);
    this.watcher = new FolderWatcher(this.dir, folders, () => this.schedule(), (error) => {
      this.logger.error({ err: error, dir: this.dir }, 'watching the knowledge folder failed');
    });
    this.watcher.start();
  }

  /** Calls `listener` after every successful swap; returns the function that unsubscribes it. */
  subscribe(listener: KnowledgeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching and cancels a pending reload; the current version stays readable. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reloadSafely(), this.debounceMs);
  }

  /** A reload from the watcher: nothing may escape into the event loop and take the bot down. */
  private reloadSafely(): void {
    this.timer = undefined;
    try {
      this.reload();
    } catch (error) {
      this.refused = { at: new Date().toISOString(), errors: 1, problems: [`reload failed: ${error instanceof Error ? error.message : String(error)}`] };
      this.onReload?.('failed');
      this.logger.error({ err: error, dir: this.dir }, 'knowledge reload failed: still serving the last good version');
    }
  }

  private refuse(problems: Problem[]): ReloadOutcome {
    this.logProblems(problems);
    const { error, warning } = countBySeverity(problems);
    const errors = problems.filter((problem) => problem.severity === 'error');
    this.refused = { at: new Date().toISOString(), errors: error, problems: errors.slice(0, REPORTED_PROBLEMS).map((problem) => formatProblem(problem)) };
    const counts = { errors: error, warnings: warning, version: this.kb.version };
    this.logger.error(counts, 'knowledge change refused: still serving the last good version');
    return { status: 'refused', problems };
  }

  private notify(kb: KnowledgeBase): void {
    for (const listener of this.listeners) {
      try {
        listener(kb);
      } catch (error) {
        this.logger.error({ err: error, version: kb.version }, 'a knowledge listener failed');
      }
    }
  }

  private logProblems(problems: readonly Problem[]): void {
    for (const problem of problems) {
      const level = problem.severity === 'error' ? 'error' : 'warn';
      this.logger[level]({ file: problem.file, line: problem.line, col: problem.col }, formatProblem(problem));
    }
  }
}
