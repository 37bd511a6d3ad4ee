/**
 * `npm run bench`: runs every other bench/*.ts file in turn, in alphabetical order, each in its own process
 * (so one benchmark's warm caches and heap do not flatter the next). Exits non-zero if any of them fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

function main(): number {
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const benches = readdirSync(__dirname)
    .filter((name) => name.endsWith('.ts') && name !== basename(__filename))
    .sort();
  let failed = 0;
  for (const name of benches) {
    process.stdout.write(`\n# ${name}\n`);
    const run = spawnSync(tsx, [join(__dirname, name)], { stdio: 'inherit' });
    if (run.status !== 0) {
      failed += 1;
      process.stderr.write(`${name} failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`})\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
