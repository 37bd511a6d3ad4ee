import autocannon from 'autocannon';

/** One request of the load, built when it is sent. */
export interface LoadRequest {
  /** Tells the turn's replies apart (the activity id). */
  id: string;
  path: string;
  body: string;
  headers?: Record<string, string>;
}

export interface DriveOptions {
  base: string;
  seconds: number;
  /** Requests per second, open loop; null = as fast as `connections` closed-loop clients go. */
  rate: number | null;
  /** Closed loop only. */
  connections?: number;
  next(): LoadRequest;
}

export interface DriveResult {
  seconds: number;
  sent: string[];
  /** Milliseconds, of every response. */
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

/** How many autocannon instances share an open-loop rate, started this many ms apart within a second. */
const MAX_PHASES = 50;

/**
 * Sends the load with autocannon. autocannon's own rate limit lets each connection send its share at the start
 * of every second, so one instance sends its whole rate as one burst per second; here the rate is split over up
 * to 50 instances started evenly across the first second, each with one connection per request per second: the
 * requests then leave in 50 small bursts a second whatever the answers do (an open loop, to 20 ms), and a slow
 * answer delays no other request.
 */
export async function drive(options: DriveOptions): Promise<DriveResult> {
  const result: DriveResult = { seconds: 0, sent: [], latencies: [], statuses: {}, errors: 0, timeouts: 0 };
  const started = Date.now();
  const shares = options.rate === null ? [null] : split(options.rate, Math.min(MAX_PHASES, options.rate));
  await Promise.all(
    shares.map(async (share, index) => {
      await new Promise((resolve) => setTimeout(resolve, share === null ? 0 : (index * 1000) / shares.length));
      await runInstance(options, share, result);
    }),
  );
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

function runInstance(options: DriveOptions, rate: number | null, result: DriveResult): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: rate ?? options.connections ?? 16,
        ...(rate === null ? {} : { overallRate: rate }),
        duration: options.seconds,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const next = options.next();
              result.sent.push(next.id);
              return { ...request, path: next.path, body: next.body, headers: { 'content-type': 'application/json', ...next.headers } };
            },
          },
        ],
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      result.latencies.push(responseTime);
      result.statuses[statusCode] = (result.statuses[statusCode] ?? 0) + 1;
    });
    instance.on('reqError', (error: Error) => {
      if (error?.message === 'request timed out') result.timeouts += 1;
      else result.errors += 1;
    });
  });
}

/** `total` in `parts` whole shares that differ by at most one. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** The latency at quantile q (0..1) of sorted values. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
