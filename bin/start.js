#!/usr/bin/env node
'use strict';
/*
 * `npm start`: runs the compiled server (dist/, made by `npm run build`) when it is there and at least as new as
 * the sources; otherwise the TypeScript sources through tsx, so a fresh clone starts with no build step. Plain
 * JavaScript on purpose: it must run before anything is compiled. Cluster workers run this same file again and
 * take the same choice (the environment variable below makes sure of it).
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const COMPILED = path.join('dist', 'bot', 'cluster.js');
const SOURCE = path.join('bot', 'cluster.ts');
const SOURCE_DIRS = ['bot', 'dialogs'];
const CHOICE = 'THU_TUC_BOT_START';

/** The newest modification time among the sources that are compiled. */
function newestSource(root) {
  let newest = fs.statSync(path.join(root, 'package.json')).mtimeMs;
  const visit = (dir) => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, item.name);
      if (item.isDirectory()) visit(file);
      else if (/\.(ts|json)$/.test(item.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  SOURCE_DIRS.map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir)).forEach(visit);
  return newest;
}

/** 'compiled', or 'sources (why)': what `npm start` runs in the folder `root`. */
function chooseCode(root) {
  const compiled = path.join(root, COMPILED);
  if (!fs.existsSync(compiled)) return 'sources (not built: run "npm run build" for production)';
  if (fs.statSync(compiled).mtimeMs < newestSource(root)) return 'sources (dist/ is older than the sources: run "npm run build")';
  return 'compiled';
}

function start() {
  const choice = process.env[CHOICE] || chooseCode(ROOT);
  process.env[CHOICE] = choice;
  if (choice !== 'compiled') require('tsx/cjs');
  const entry = require(path.join(ROOT, choice === 'compiled' ? COMPILED : SOURCE));
  entry.startProcesses().catch(entry.reportStartFailure);
}

module.exports = { chooseCode };

if (require.main === module) start();
