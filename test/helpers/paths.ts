import path from 'node:path';

/**
 * Tests that depend on what the knowledge base says run on this frozen copy, so that a correct staff edit of
 * knowledge/ never breaks CI. Refresh it on purpose with `npm run kb:freeze` (then fix the tests that changed).
 */
export const FROZEN_KB = path.resolve(__dirname, '../fixtures/knowledge');

/** The live knowledge folder staff edit: only the smoke tests (it loads, kb:check is clean) read it. */
export const LIVE_KB = path.resolve(__dirname, '../../knowledge');
