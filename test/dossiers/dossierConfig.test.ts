import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, readConfig } from '../../bot/config';
import { PORTAL_STATUSES } from '../../bot/dossiers/upstreamConnector';

describe('dossier configuration', () => {
  it('has working defaults: no push API, no upstream, the limits of the issue', () => {
    const { dossiers } = readConfig({});
    expect(dossiers).toMatchObject({
      codePatterns: [],
      pushToken: '',
      connector: null,
      limits: { perUserPerHour: 10, perCodePerHour: 30 },
      secondFactor: { attempts: 3, lockSeconds: 3600 },
      subscriptionDays: 90,
    });
  });

  it('reads .env.example as it is shipped', () => {
    const env = parseEnv(readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8'));
    expect(readConfig(env).dossiers.connector).toBeNull();
  });

  it('reads a connector: URL template, headers, field paths and the status table (the portal codes by default)', () => {
    const connector = readConfig({
      DOSSIER_API_URL: 'https://motcua.example.gov.vn/api/tracuu?maHoSo={code}',
      DOSSIER_API_HEADERS: '{"X-Api-Key": "k"}',
      DOSSIER_API_FIELDS: '{"status": "$.data.TrangThaiHoSo", "missing": "data.GiayTo[*].Ten"}',
    }).dossiers.connector;
    expect(connector).toMatchObject({
      headers: { 'X-Api-Key': 'k' },
      fields: { status: '$.data.TrangThaiHoSo', missing: 'data.GiayTo[*].Ten' },
      statuses: PORTAL_STATUSES,
      timeoutMs: 3000,
      retries: 2,
      breaker: { failures: 5, resetMs: 30_000 },
      cacheTtlSeconds: 300,
    });
  });

  it.each([
    [{ DOSSIER_PUSH_TOKEN: 'short' }, 'DOSSIER_PUSH_TOKEN'],
    [{ DOSSIER_CODE_PATTERNS: 'VL(\\d' }, 'DOSSIER_CODE_PATTERNS'],
    [{ DOSSIER_API_URL: 'https://x.example/hoso' }, 'DOSSIER_API_URL: must contain {code}'],
    [{ DOSSIER_API_URL: 'ftp://x.example/{code}' }, 'DOSSIER_API_URL: must be http'],
    [{ DOSSIER_API_URL: 'https://x/{code}', DOSSIER_API_HEADERS: '{bad' }, 'DOSSIER_API_HEADERS: is not JSON'],
    [{ DOSSIER_API_URL: 'https://x/{code}', DOSSIER_API_HEADERS: '{"a": 1}' }, 'DOSSIER_API_HEADERS: must be a JSON object'],
    [{ DOSSIER_API_URL: 'https://x/{code}', DOSSIER_API_FIELDS: '{"statu": "a"}' }, 'DOSSIER_API_FIELDS: "statu" is not a dossier field'],
    [{ DOSSIER_API_URL: 'https://x/{code}', DOSSIER_API_FIELDS: '{"status": "a..b"}' }, 'DOSSIER_API_FIELDS: status: "a..b" is not a path'],
    [{ DOSSIER_API_URL: 'https://x/{code}', DOSSIER_API_FIELDS: '{"code": "a"}' }, 'DOSSIER_API_FIELDS: needs a path for "status"'],
    [{ DOSSIER_API_URL: 'https://x/{code}', DOSSIER_API_STATUSES: '{"1": "done"}' }, 'DOSSIER_API_STATUSES: "1": "done" is not one of'],
    [{ DOSSIER_LOOKUPS_PER_USER_PER_HOUR: '0' }, 'DOSSIER_LOOKUPS_PER_USER_PER_HOUR: 0 is outside'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
