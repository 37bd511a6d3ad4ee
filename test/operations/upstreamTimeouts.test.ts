import { startFakeUpstream, type FakeUpstream, type UpstreamRecord } from '../helpers/fakeUpstream';
import { startCaptureServer } from '../helpers/http';
import { postActivity, message, startApp, type RunningApp } from '../server/appHarness';

/*
 * The province's one-stop system misbehaving while citizens ask about their dossiers over HTTP (/api/messages,
 * the whole server as `npm start` builds it, default timeout of 3 s and default retries): it hangs, it answers
 * after the timeout, it resets connections. Each citizen gets the polite "cannot check right now, try later, or
 * look it up on the portal" within about 3 to 4 s, never a 500 and never "not found"; after repeated failures the
 * circuit opens and the answer comes at once, without calling the system; once the system is back (and the
 * circuit's pause is over) the status is shown again.
 */

const UNAVAILABLE = 'Xin lỗi, hiện tôi chưa kết nối được hệ thống hồ sơ. Bạn thử lại sau ít phút, hoặc tra cứu trên';
const PORTAL = 'https://dichvucong.gov.vn';

function record(code: string): UpstreamRecord {
  return { MaHoSo: code, TenTTHC: 'Đăng ký khai sinh', ChuHoSo: 'Nguyễn Văn An', TrangThaiHoSo: '4', NgayTiepNhan: '20261201081500', NgayHenTra: '20991208170000' };
}

describe('the dossier upstream hangs, is slow, resets: a status conversation over HTTP', () => {
  let fake: FakeUpstream;
  let app: RunningApp;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeUpstream();
    connector = await startCaptureServer();
    // Defaults (3 s timeout, 2 retries on network errors, 5 failures open the circuit) but a 2 s pause.
    app = await startApp({ ...fake.env, DOSSIER_API_BREAKER_RESET_SECONDS: '2' });
  });
  afterAll(async () => {
    await app.stop(2000);
    await connector.close();
    await fake.close();
  });

  /** A citizen of their own asks about a code of their own: status, time to the answer, what the bot said. */
  const ask = async () => {
    n += 1;
    const code = `000.00.20.H56-261201-${String(n).padStart(4, '0')}`;
    fake.records.set(code, record(code));
    const conversation = `upstream-${n}`;
    const started = performance.now();
    const response = await postActivity(app.base, message(connector.url, `cho tôi hỏi hồ sơ ${code} đến đâu rồi`, { conversation: { id: conversation }, from: { id: `citizen-${n}` } }));
    const ms = performance.now() - started;
    const text = connector.requests.filter((request) => request.url.startsWith(`/v3/conversations/${conversation}/`)).map((request) => String(request.body.text ?? '')).join('\n');
    return { code, status: response.status, ms, text };
  };
  const unavailable = (answer: Awaited<ReturnType<typeof ask>>) => {
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(UNAVAILABLE);
    expect(answer.text).toContain(PORTAL);
    expect(answer.text).not.toContain('không tìm thấy');
  };

  it('answers politely within about 3-4 s, opens the circuit after repeated failures, and recovers', async () => {
    const working = await ask();
    expect(working.status).toBe(200);
    expect(working.text).toContain(`Hồ sơ ${working.code}`);
    expect(working.text).toContain('Ng***n V** A');

    // Hangs: no answer at all. The 3 s timeout, no retry of a timeout.
    fake.mode = 'hang';
    const hung = await ask();
    unavailable(hung);
    expect(hung.ms).toBeGreaterThanOrEqual(2900);
    expect(hung.ms).toBeLessThan(4500);

    // Answers, but after the timeout.
    Object.assign(fake, { mode: 'slow', delayMs: 4000 });
    const slow = await ask();
    unavailable(slow);
    expect(slow.ms).toBeGreaterThanOrEqual(2900);
    expect(slow.ms).toBeLessThan(4500);

    // Resets the connection: retried twice (three tries), then the same polite answer, quickly.
    fake.mode = 'reset';
    const before = fake.requests.length;
    const reset = await ask();
    unavailable(reset);
    expect(fake.requests.length - before).toBe(3);
    expect(reset.ms).toBeLessThan(3000);

    // Five failures in a row: the circuit is open; the answer comes at once and the system is not called.
    const called = fake.requests.length;
    const open = await ask();
    unavailable(open);
    expect(fake.requests.length).toBe(called);
    expect(open.ms).toBeLessThan(1500); // the lookup's 0.7 s floor, so timing tells nothing about a code
    expect(app.runtime.dossiers.connector?.circuit).toBe('open');

    // Back: after the circuit's pause, one trial call closes it and the status is shown.
    fake.mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const recovered = await ask();
    expect(recovered.status).toBe(200);
    expect(recovered.text).toContain(`Hồ sơ ${recovered.code}`);
    expect(recovered.text).not.toContain(UNAVAILABLE);
    expect(app.runtime.dossiers.connector?.circuit).toBe('closed');
  }, 40_000);
});
