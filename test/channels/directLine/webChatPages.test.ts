import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { type BotServer, startBotServer } from '../../helpers/directLine';
import { ROOT } from '../../helpers/processes';

/** A raw GET (fetch would decompress and hide the encoding and the bytes on the wire). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('web chat pages', () => {
  let app: BotServer;
  beforeAll(async () => {
    app = await startBotServer();
  });
  afterAll(() => app.close());

  it('GET / is the demo page: Vietnamese, the bubble script from this server, a same-origin CSP, no cookie', async () => {
    const page = await get(`${app.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'.*connect-src 'self'/);
    const html = page.body.toString('utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<script src="/webchat.js"');
    expect(html).toMatch(/data-ttb-ask="Đăng ký kết hôn cần giấy tờ gì\?"/);
    expect(html).not.toMatch(/\{\{\w+\}\}/);
    expect(html).not.toMatch(/https?:\/\/(?!BOT-SERVER)/); // nothing from elsewhere
    expect((await get(`${app.base}/?lang=en`)).body.toString()).toContain('<html lang="en">');
  });

  it('GET /webchat.js is the loader with its settings, compressed, revalidated after 5 minutes', async () => {
    const br = await get(`${app.base}/webchat.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(br.headers.vary).toBe('Accept-Encoding');
    const source = zlib.brotliDecompressSync(br.body).toString('utf8');
    expect(source).not.toContain('__SETTINGS__');
    expect(source).toMatch(/"bundle":"\/webchat\/4\.18\.1\/webchat-minimal\.js"/);
    expect(source).toContain('"locale":"vi-VN"');
    const gz = await get(`${app.base}/webchat.js`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString('utf8')).toBe(source);
    const plain = await get(`${app.base}/webchat.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(source);
    const again = await get(`${app.base}/webchat.js`, { 'If-None-Match': String(br.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('serves the Web Chat 4.18.1 bundle from node_modules, brotli-compressed and cached for a year', async () => {
    const bundle = await get(`${app.base}/webchat/4.18.1/webchat-minimal.js`, { 'Accept-Encoding': 'br' });
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-encoding']).toBe('br');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(bundle.body.length).toBeLessThan(450_000);
    const original = readFileSync(path.join(ROOT, 'node_modules/botframework-webchat/dist/webchat-minimal.js'));
    expect(zlib.brotliDecompressSync(bundle.body).equals(original)).toBe(true);
    expect(bundle.headers['set-cookie']).toBeUndefined();
  });
});
