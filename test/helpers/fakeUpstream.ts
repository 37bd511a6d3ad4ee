import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A dossier as a one-stop system keeps it (Vietnamese field names, the national portal's status codes 1-10). */
export interface UpstreamRecord {
  MaHoSo: string;
  TenTTHC?: string;
  ChuHoSo?: string;
  TrangThaiHoSo: string;
  NgayTiepNhan?: string;
  NgayHenTra?: string;
  NgayKetThucXuLy?: string | null;
  NoiNhanKetQua?: string;
  GiayToBoSung?: { TenGiayTo: string }[];
  GhiChu?: string;
  SoDienThoaiCuoi?: string;
  /** Never read by the bot: a one-stop answer holds more personal data than the bot may show. */
  SoCCCD?: string;
  DiaChi?: string;
}

export type UpstreamMode = 'ok' | 'slow' | 'hang' | 'reset' | 'error';

/**
 * A stand-in for the province's one-stop system on loopback: GET /api/tracuu?maHoSo=CODE answers
 * `{ error_code: "0", data: {...} }`, or `data: null` for an unknown code (as those systems do). The mode plays an
 * outage: slow answers, no answer at all (the connection stays open), connections reset, HTTP 500.
 */
export interface FakeUpstream {
  url: string;
  /** The DOSSIER_API_* settings that read this system. */
  env: Record<string, string>;
  records: Map<string, UpstreamRecord>;
  mode: UpstreamMode;
  /** For mode 'slow'. */
  delayMs: number;
  /** Resets this many connections, then answers normally. */
  resetNext: number;
  requests: string[];
  close(): Promise<void>;
}

export const UPSTREAM_FIELDS = {
  code: '$.data.MaHoSo',
  procedure: '$.data.TenTTHC',
  status: '$.data.TrangThaiHoSo',
  applicant: '$.data.ChuHoSo',
  receivedAt: '$.data.NgayTiepNhan',
  dueAt: '$.data.NgayHenTra',
  finishedAt: '$.data.NgayKetThucXuLy',
  pickup: '$.data.NoiNhanKetQua',
  missing: '$.data.GiayToBoSung[*].TenGiayTo',
  note: '$.data.GhiChu',
  phoneLast4: '$.data.SoDienThoaiCuoi',
};

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const fake: Omit<FakeUpstream, 'url' | 'env' | 'close'> = { records: new Map(), mode: 'ok', delayMs: 0, resetNext: 0, requests: [] };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const code = url.searchParams.get('maHoSo') ?? '';
    fake.requests.push(code);
    if (req.headers['x-api-key'] !== 'test-key') return send(res, 401, { error_code: '401', message: 'Unauthorized' });
    if (fake.resetNext > 0 || fake.mode === 'reset') {
      fake.resetNext = Math.max(0, fake.resetNext - 1);
      req.socket.destroy();
      return;
    }
    if (fake.mode === 'error') return send(res, 500, { error_code: '500', message: 'Lỗi hệ thống' });
    if (fake.mode === 'hang') return; // closeAllConnections() at close ends it
    const answer = () => send(res, 200, { error_code: '0', message: 'Thành công', data: fake.records.get(code) ?? null });
    if (fake.mode !== 'slow') return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) answer();
    }, fake.delayMs);
    timers.add(timer);
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const env = {
    DOSSIER_API_URL: `${url}/api/tracuu?maHoSo={code}`,
    DOSSIER_API_HEADERS: JSON.stringify({ 'X-Api-Key': 'test-key' }),
    DOSSIER_API_FIELDS: JSON.stringify(UPSTREAM_FIELDS),
  };
  const close = () =>
    new Promise<void>((resolve) => {
      timers.forEach((timer) => clearTimeout(timer));
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return Object.assign(fake, { url, env, close });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
