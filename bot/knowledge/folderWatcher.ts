import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches a folder and some of its subfolders for any change, calling `onChange` (often several times per save:
 * the caller debounces). Plain per-folder fs.watch rather than `recursive: true`: on Linux, Node 20's recursive
 * mode stops reporting a subfolder that was deleted and created again, while here the root's event re-arms it.
 * Watching folders, not files, also follows editors that save by writing a temp file and renaming it.
 */
export class FolderWatcher {
  private root?: FSWatcher;
  private readonly children = new Map<string, FSWatcher>();

  constructor(
    private readonly dir: string,
    private readonly subfolders: readonly string[],
    private readonly onChange: () => void,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    if (this.root !== undefined) return;
    this.root = this.watchFolder(this.dir, (name) => {
      if (name === null || this.subfolders.includes(name)) this.armChildren();
      this.onChange();
    });
    this.armChildren();
  }

  close(): void {
    this.root?.close();
    this.root = undefined;
    for (const watcher of this.children.values()) watcher.close();
    this.children.clear();
  }

  /** (Re)watches each subfolder that exists now; a recreated folder needs a new watch. */
  private armChildren(): void {
    for (const name of this.subfolders) {
      this.children.get(name)?.close();
      this.children.delete(name);
      const path = join(this.dir, name);
      if (existsSync(path)) this.children.set(name, this.watchFolder(path, () => this.onChange()));
    }
  }

  private watchFolder(path: string, listener: (name: string | null) => void): FSWatcher {
    const watcher = watch(path, (_event, name) => listener(name === null ? null : String(name)));
    watcher.on('error', (error) => {
      // A watched subfolder that is deleted errors on some systems; the root's event re-arms it when it returns.
      if (path !== this.dir) return;
      this.onError(error);
    });
    return watcher;
  }
}
