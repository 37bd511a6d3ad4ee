import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, Response } from 'restify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Bodies smaller than this are sent as they are: compressing them saves less than the header costs. */
const MIN_COMPRESS_BYTES = 1024;

interface Content {
  body: Buffer;
  etag: string;
}

/**
 * One file served from memory, compressed once (brotli and gzip, on libuv's thread pool so the event loop
 * stays free), with an ETag for revalidation. A body given as a function is read on first use, so that building
 * the server reads nothing big.
 */
export class StaticAsset {
  private content: Promise<Content> | null = null;
  private compressed: Promise<{ br: Buffer; gzip: Buffer }> | null = null;

  constructor(
    private readonly source: Buffer | (() => Promise<Buffer>),
    readonly contentType: string,
    readonly cacheControl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** Reads and compresses now, so that the first visitor does not wait for it. */
  prepare(): Promise<{ br: Buffer; gzip: Buffer }> {
    this.compressed ??= this.load().then(async ({ body, etag }) => {
      const [br, gz] = await Promise.all([bestBrotli(body, etag), gzip(body, { level: 9 })]);
      return { br, gzip: gz };
    });
    return this.compressed;
  }

  async serve(req: Request, res: Response): Promise<void> {
    const { body: original, etag } = await this.load();
    const headers: Record<string, string> = {
      'Content-Type': this.contentType,
      'Cache-Control': this.cacheControl,
      ETag: etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      ...this.extraHeaders,
    };
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = original.length >= MIN_COMPRESS_BYTES ? pickEncoding(req.headers['accept-encoding']) : 'identity';
    const body = encoding === 'identity' ? original : (await this.prepare())[encoding === 'br' ? 'br' : 'gzip'];
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(body);
  }

  private load(): Promise<Content> {
    this.content ??= (async () => {
      const body = Buffer.isBuffer(this.source) ? this.source : await this.source();
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    })();
    return this.content;
  }
}

/** Bodies at least this big are compressed once per machine and kept in CACHE_DIR. */
const CACHE_FROM_BYTES = 64 * 1024;
const CACHE_DIR = path.join(os.tmpdir(), 'thu-tuc-bot-assets');

/**
 * Brotli at its best quality: 10% smaller than quality 9 for the Web Chat bundle, but 4 s of CPU. So a big body is
 * compressed once per machine (keyed by its hash) and read back afterwards. A cached file is served only if it
 * decompresses to exactly the body (the temporary folder is shared); any problem with it falls back to compressing.
 */
async function bestBrotli(body: Buffer, etag: string): Promise<Buffer> {
  const compress = () =>
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (body.length < CACHE_FROM_BYTES) return compress();
  const file = path.join(CACHE_DIR, `${etag.replace(/\W/g, '')}.br`);
  const cached = await readFile(file).catch(() => null);
  if (cached && zlib.brotliDecompressSync(cached).equals(body)) return cached;
  const compressed = await compress();
  const partial = `${file}.${process.pid}.${Date.now()}`;
  await mkdir(CACHE_DIR, { recursive: true })
    .then(() => writeFile(partial, compressed))
    .then(() => rename(partial, file))
    .catch(() => undefined);
  return compressed;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag || candidate.trim() === '*');
}

/** br when the client takes it, else gzip, else none; `;q=0` refuses an encoding. */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, quality]) => !/^\s*q=0(\.0*)?\s*$/.test(quality ?? ''))
      .map(([name]) => name.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}
