/**
 * The rooms' arrows, checked by `npm test` (npm run deps). They point one way:
 *
 *   wiring (bot/index.ts, bot/cluster.ts, bot/cli/) -> bot/channels -> bot core (bot/*.ts, bot/replies/,
 *   bot/questions/) -> dialogs
 *     -> bot/understanding + bot/knowledge + bot/dossiers -> bot/storage -> bot/text, bot/logger.ts
 *
 * A room may import any room below it, never one above it, and no file-level cycle is allowed anywhere (type-only
 * imports count: they are still a dependency of the design). botbuilder stays out of understanding, knowledge and
 * dossiers, so a move to another bot SDK touches only the adapters, storage and dialogs.
 */
const ROOMS = {
  wiring: '^bot/(index\\.ts$|cluster\\.ts$|cli/)',
  channels: '^bot/channels/',
  core: '^bot/([^/]+\\.ts$|replies/|questions/)',
  dialogs: '^dialogs/',
  domain: '^bot/(understanding|knowledge|dossiers)/',
  storage: '^bot/storage/',
  text: '^bot/text/',
};

/** What each room must not import: every room above it. */
const ABOVE = {
  channels: [ROOMS.wiring],
  core: [ROOMS.wiring, ROOMS.channels],
  dialogs: [ROOMS.wiring, ROOMS.channels, ROOMS.core],
  domain: [ROOMS.wiring, ROOMS.channels, ROOMS.core, ROOMS.dialogs],
  storage: [ROOMS.wiring, ROOMS.channels, ROOMS.core, ROOMS.dialogs, ROOMS.domain],
  text: [ROOMS.wiring, ROOMS.channels, ROOMS.core, ROOMS.dialogs, ROOMS.domain, ROOMS.storage],
};

// bot/index.ts and bot/cluster.ts are wiring and bot/logger.ts a leaf every room may use, though they match the
// core pattern.
const NOT_CORE = '^bot/(index|cluster|logger)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle between files (type imports included): move what both need into the lower room.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(ABOVE).map(([room, above]) => ({
      name: `${room}-imports-upward`,
      severity: 'error',
      comment: `${room} must not import a room above it (arrows point one way; see .dependency-cruiser.js).`,
      from: { path: ROOMS[room], ...(room === 'core' ? { pathNot: NOT_CORE } : {}) },
      to: { path: above.join('|'), pathNot: '^bot/logger\\.ts$' },
    })),
    {
      name: 'knowledge-imports-understanding',
      severity: 'error',
      comment: 'The knowledge room is read by understanding and dossiers, never the other way round.',
      from: { path: '^bot/knowledge/' },
      to: { path: '^bot/(understanding|dossiers)/' },
    },
    {
      name: 'domain-imports-botbuilder',
      severity: 'error',
      comment: 'botbuilder types stay out of understanding, knowledge and dossiers.',
      from: { path: ROOMS.domain },
      to: { path: 'node_modules/(botbuilder|botframework)' },
    },
    {
      name: 'logger-is-a-leaf',
      severity: 'error',
      comment: 'bot/logger.ts is imported by every room, so it imports none.',
      from: { path: '^bot/logger\\.ts$' },
      to: { path: '^(bot|dialogs)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench|node_modules|dist)/' },
  },
};
