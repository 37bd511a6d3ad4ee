import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { I18n } from '../../i18n';
import type { Locale } from '../../knowledge/types';
import type { Route } from './http';
import { StaticAsset } from './staticAsset';

/**
 * The browser side, all served from this server: the bubble loader (/webchat.js), the official Web Chat bundle
 * out of node_modules (never a CDN), and the demo page (/). The minimal bundle is the one used: it renders text
 * and suggested actions, which is all our web chat profile sends, at 40% of the full bundle's bytes (no Adaptive
 * Cards, speech or Markdown).
 */
export const WEBCHAT_BUNDLE_FILE = 'webchat-minimal.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The loader's URL never changes, so it must be revalidated soon after a new version is deployed. */
const SHORT = 'public, max-age=300';

const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Web Chat writes its styles at run time (emotion), as does the loader.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const LOCALE_TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };

export interface WebChatPagesOptions {
  i18n: I18n;
  defaultLocale: Locale;
}

export interface WebChatPages {
  routes: Route[];
  /** The bundle's URL path, e.g. /webchat/4.18.1/webchat-minimal.js. */
  bundlePath: string;
  /** Compresses everything now (in the background), so the first visitor does not wait. */
  prepare(): Promise<void>;
}

export function createWebChatPages(options: WebChatPagesOptions): WebChatPages {
  const web = webFolder();
  // The package exports no ./package.json: its main file (lib/index.js, resolved, never loaded) leads to it.
  const bundleDir = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..');
  const { version } = JSON.parse(readFileSync(path.join(bundleDir, 'package.json'), 'utf8')) as { version: string };
  const bundlePath = `/webchat/${version}/${WEBCHAT_BUNDLE_FILE}`;
  const js = 'application/javascript; charset=utf-8';
  const assets = {
    loader: new StaticAsset(loaderScript(web, bundlePath, options), js, SHORT),
    bundle: new StaticAsset(() => readFile(path.join(bundleDir, 'dist', WEBCHAT_BUNDLE_FILE)), js, IMMUTABLE),
    css: new StaticAsset(readFileSync(path.join(web, 'demo.css')), 'text/css; charset=utf-8', SHORT),
    avatar: new StaticAsset(readFileSync(path.join(web, 'avatar.svg')), 'image/svg+xml', SHORT),
  };
  const pageHeaders = { 'Content-Security-Policy': PAGE_POLICY, 'Referrer-Policy': 'same-origin' };
  const pages: Record<Locale, StaticAsset> = {
    vi: new StaticAsset(demoPage(web, 'vi', options.i18n), 'text/html; charset=utf-8', 'no-cache', pageHeaders),
    en: new StaticAsset(demoPage(web, 'en', options.i18n), 'text/html; charset=utf-8', 'no-cache', pageHeaders),
  };
  const get = (routePath: string, asset: StaticAsset): Route => ({ method: 'get', path: routePath, handler: (req, res) => asset.serve(req, res) });
  const routes: Route[] = [
    get('/webchat.js', assets.loader),
    get(bundlePath, assets.bundle),
    get('/webchat/demo.css', assets.css),
    get('/webchat/avatar.svg', assets.avatar),
    {
      method: 'get',
      path: '/',
      handler: (req, res) => {
        const lang = (req.query as Record<string, unknown> | undefined)?.lang;
        return pages[lang === 'en' || lang === 'vi' ? lang : options.defaultLocale].serve(req, res);
      },
    },
  ];
  const prepare = async () => {
    await Promise.all([...Object.values(assets), ...Object.values(pages)].map((asset) => asset.prepare()));
  };
  return { routes, bundlePath, prepare };
}

/** web/ at the project root, found from here both in the sources and in a compiled dist/. */
function webFolder(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'web', 'webchat.js'))) return path.join(dir, 'web');
  }
  throw new Error('web/webchat.js not found above ' + __dirname);
}

function loaderScript(web: string, bundlePath: string, options: WebChatPagesOptions): Buffer {
  const strings = (locale: Locale) => ({
    title: options.i18n.t(locale, 'webchat.title'),
    open: options.i18n.t(locale, 'webchat.open'),
    close: options.i18n.t(locale, 'webchat.close'),
    restart: options.i18n.t(locale, 'webchat.restart'),
    dismiss: options.i18n.t(locale, 'webchat.dismiss'),
    loading: options.i18n.t(locale, 'webchat.loading'),
    loadFailed: options.i18n.t(locale, 'webchat.loadFailed'),
    welcome: options.i18n.t(locale, 'webchat.welcome'),
  });
  const settings = { bundle: bundlePath, locale: LOCALE_TAGS[options.defaultLocale], strings: { 'vi-VN': strings('vi'), 'en-US': strings('en') } };
  const source = readFileSync(path.join(web, 'webchat.js'), 'utf8');
  if (!source.includes('/*__SETTINGS__*/ null')) throw new Error('web/webchat.js has lost its settings placeholder');
  return Buffer.from(source.replace('/*__SETTINGS__*/ null', JSON.stringify(settings)), 'utf8');
}

function demoPage(web: string, locale: Locale, i18n: I18n): Buffer {
  const values: Record<string, string> = {
    lang: locale,
    pageTitle: escapeHtml(i18n.t(locale, 'webchat.demo.pageTitle')),
    heading: escapeHtml(i18n.t(locale, 'webchat.demo.heading')),
    intro: escapeHtml(i18n.t(locale, 'webchat.demo.intro')),
    examplesTitle: escapeHtml(i18n.t(locale, 'webchat.demo.examplesTitle')),
    privacy: escapeHtml(i18n.t(locale, 'webchat.demo.privacy')),
    embedTitle: escapeHtml(i18n.t(locale, 'webchat.demo.embedTitle')),
    embedText: escapeHtml(i18n.t(locale, 'webchat.demo.embedText')),
    embedCode: escapeHtml('<script src="https://BOT-SERVER/webchat.js" data-title="…" data-color="#0b5394" defer></script>'),
    examples: i18n
      .list(locale, 'webchat.demo.examples')
      .map((question) => `    <li><button type="button" data-ttb-ask="${escapeHtml(question)}">${escapeHtml(question)}</button></li>`)
      .join('\n'),
  };
  const template = readFileSync(path.join(web, 'demo.html'), 'utf8');
  return Buffer.from(template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => values[key] ?? ''), 'utf8');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}
