import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`); playwright-core drives it and never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where browser tests leave their screenshots (git-ignored). */
export const TEST_OUTPUT = path.resolve(__dirname, '../../test-output');

/** No traffic but to the page's server: this machine's network is closed, and the tests assert it. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * describe() for tests that need Chromium. Project rule: when it is missing, the tests fail if CI=true (`.ci/run`
 * installs it with apt) and are skipped with the reason printed otherwise.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, fn);
    return;
  }
  const message = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('Chromium is installed (required when CI=true)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`Skipping "${name}": ${message}.\n`);
  describe.skip(`${name} [skipped: ${message}]`, fn);
}

export interface Chromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A headless Chromium with a fresh, empty profile. */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<Chromium> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ttb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', ...FLAGS],
    timeout: 30_000,
    ...options,
  });
  const close = async () => {
    await context.close();
    // Chromium's last writes may still be landing when close() returns.
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  return { context, close };
}
