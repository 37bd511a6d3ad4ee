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
const COMPILED = path.join(ROOT, 'dist', 'bot', 'cluster.js');
const SOURCE = path.join(ROOT, 'bot', 'cluster.ts');
const SOURCE_DIRS = ['bot', 'dialogs'].map((dir) => path.join(ROOT, dir));
const CHOICE = 'THU_TUC_BOT_START';

/** The newest modification time among the sources that are compiled. */
function newestSource() {
  let newest = fs.statSync(path.join(ROOT, 'package.json')).mtimeMs;
  const visit = (dir) => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, item.name);
      if (item.isDirectory()) visit(file);
      else if (/\.(ts|json)$/.test(item.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  SOURCE_DIRS.forEach(visit);
  return newest;
}

/** 'compiled', or why not (a short reason for the log line). */
function choose() {
  if (process.env[CHOICE]) return process.env[CHOICE];
  if (!fs.existsSync(COMPILED)) return 'sources (not built: run "npm run build" for production)';
  if (fs.statSync(COMPILED).mtimeMs < newestSource()) return 'sources (dist/ is older than the sources: run "npm run build")';
  return 'compiled';
}

const choice = choose();
process.env[CHOICE] = choice;
if (choice !== 'compiled') require('tsx/cjs');
const entry = require(choice === 'compiled' ? COMPILED : SOURCE);
entry.startProcesses().catch(entry.reportStartFailure);
