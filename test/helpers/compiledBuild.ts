import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';

/** Where builds are kept: under node_modules, so that the compiled files resolve the packages. */
const CACHE = path.join(ROOT, 'node_modules', '.cache');
const PREFIX = 'build-test-';

/** What the build reads: a change to any of these is a new build. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, item.name);
      if (item.isDirectory()) visit(file);
      else if (/\.(ts|json)$/.test(item.name)) hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  };
  visit(path.join(ROOT, 'bot'));
  visit(path.join(ROOT, 'dialogs'));
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'bin/start.js']) hash.update(file).update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A project folder with the compiled server, laid out as `npm run build` leaves a checkout: `bin/start.js` (the
 * very file `npm start` runs), `package.json`, and `dist/` from `tsc -p tsconfig.build.json`, without its type
 * check (--noCheck: `npm test` has just checked the same sources, and a second full check is slow on a busy
 * machine). Built once per version of the sources and shared by the suites that run the compiled server (the
 * production test, the SIGTERM test): later calls, in this run or the next, find it. Older builds are removed.
 */
export function compiledBuild(): string {
  const root = path.join(CACHE, `${PREFIX}${fingerprint()}`);
  if (existsSync(path.join(root, 'dist', 'bot', 'cluster.js'))) return root;
  mkdirSync(CACHE, { recursive: true });
  const building = `${root}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(path.join(building, 'bin'), { recursive: true });
  // Copied first: bin/start.js runs dist/ only when it is at least as new as package.json.
  copyFileSync(path.join(ROOT, 'package.json'), path.join(building, 'package.json'));
  copyFileSync(path.join(ROOT, 'bin', 'start.js'), path.join(building, 'bin', 'start.js'));
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(building, 'dist'), '--noCheck'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (tsc.status !== 0 || tsc.stdout + tsc.stderr !== '') {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`the build failed (${tsc.status ?? tsc.signal}):\n${tsc.stdout}${tsc.stderr}${tsc.error?.message ?? ''}`);
  }
  try {
    renameSync(building, root);
  } catch (error) {
    // Another test process finished the same build first: theirs is as good.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(path.join(root, 'dist', 'bot', 'cluster.js'))) throw error;
  }
  removeOlderBuilds(root);
  return root;
}

/** Builds of earlier versions of the sources (an hour old or more, so that no running suite still uses one). */
function removeOlderBuilds(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (!name.startsWith(PREFIX) || dir === keep) continue;
    if (Date.now() - statSync(dir).mtimeMs > 3600_000) rmSync(dir, { recursive: true, force: true });
  }
}
