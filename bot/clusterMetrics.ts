import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, Counter, Gauge, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { BotMetrics, Scrape } from './metrics';

/**
 * GET /metrics with several workers (bot/cluster.ts). The workers share one port, so a scrape reaches one of them
 * at random: scraping each worker on its own is impossible, and one worker's numbers are not the instance's. So
 * the worker that gets the request asks the primary, which gathers every worker's registry (as JSON) and adds
 * them up with prom-client's AggregatorRegistry.aggregate: counters and histograms summed, queue depths and other
 * shared readings taken once (their `aggregator`). The answer reads like one instance's, whatever WORKERS is.
 *
 * A worker that dies takes its counts with it, and a total that drops looks like a counter reset to Prometheus
 * (rate() would then count the survivors' whole totals as new). The primary therefore keeps the counters and
 * histograms of each worker as last collected, and adds those of exited workers to every later scrape: totals
 * never go down; only what a dying worker counted since the last scrape is lost.
 *
 * prom-client's own AggregatorRegistry.clusterMetrics() is not used: it expects the primary to serve HTTP, and
 * asks every connected worker, including one still starting that cannot answer yet (the scrape then waits 5 s
 * and fails); here only workers that said they are ready are asked, and a late one is left out of that scrape.
 */
const READY = 'ttb:metrics:ready';
const SCRAPE = 'ttb:metrics:scrape';
const RESULT = 'ttb:metrics:result';
const COLLECT = 'ttb:metrics:collect';
const COLLECTED = 'ttb:metrics:collected';

/** How long the primary waits for the workers' registries. */
const COLLECT_TIMEOUT_MS = 2000;
/** How long a worker waits for the primary's sum. */
const RESULT_TIMEOUT_MS = 3000;

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

interface Message {
  type?: unknown;
  id?: unknown;
  metrics?: MetricsJson;
  body?: string;
  contentType?: string;
  error?: string;
}

/**
 * In a worker: answers the primary's requests for this worker's registry, and returns the scrape that the worker's
 * GET /metrics serves (the whole cluster's, from the primary). The primary asks it once it is listening
 * (clusterMetricsReady).
 */
export function clusterScrape(metrics: BotMetrics): () => Promise<Scrape> {
  let next = 0;
  const waiting = new Map<number, (message: Message) => void>();
  process.on('message', (message: Message) => {
    if (message?.type === COLLECT) {
      metrics.registry.getMetricsAsJSON().then(
        (json) => process.send?.({ type: COLLECTED, id: message.id, metrics: json }),
        (error: Error) => process.send?.({ type: COLLECTED, id: message.id, error: error.message }),
      );
    } else if (message?.type === RESULT && typeof message.id === 'number') {
      waiting.get(message.id)?.(message);
    }
  });
  return () =>
    new Promise<Scrape>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the cluster primary did not answer within ${RESULT_TIMEOUT_MS} ms`));
      }, RESULT_TIMEOUT_MS);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (message.error || typeof message.body !== 'string') reject(new Error(message.error ?? 'no metrics'));
        else resolve({ contentType: message.contentType ?? 'text/plain; version=0.0.4; charset=utf-8', body: message.body });
      });
      process.send?.({ type: SCRAPE, id });
    });
}

/** In a worker that listens: from now on the primary adds this worker's registry to every scrape. */
export function clusterMetricsReady(): void {
  process.send?.({ type: READY });
}

/** In the primary: sums the workers' registries for whichever worker is asked for /metrics. */
export class ClusterMetricsPrimary {
  private readonly ready = new Set<Worker>();
  private readonly last = new Map<Worker, MetricsJson>();
  /** Counters and histograms of workers that exited, summed. */
  private retired: MetricsJson = [];
  private retiring: Promise<void> = Promise.resolve();
  private readonly own = new Registry();
  private readonly restarts: Counter;
  private next = 0;
  private readonly collecting = new Map<number, (worker: Worker, message: Message) => void>();

  constructor() {
    const registers = [this.own];
    new Gauge({
      name: 'ttb_cluster_workers',
      help: 'Worker processes the cluster primary has running (compare with ttb_workers_reporting)',
      registers,
      collect() {
        this.set(Object.keys(cluster.workers ?? {}).length);
      },
    });
    this.restarts = new Counter({ name: 'ttb_cluster_worker_restarts_total', help: 'Workers that died and were replaced', registers });
    cluster.on('message', (worker, message: Message) => this.onMessage(worker, message));
    cluster.on('exit', (worker) => this.retire(worker));
  }

  workerReplaced(): void {
    this.restarts.inc();
  }

  /** Every ready worker's registry plus the exited ones' totals, added up. */
  async aggregate(): Promise<Scrape> {
    const workers = [...this.ready].filter((worker) => worker.isConnected());
    const id = this.next++;
    const collected = await new Promise<Map<Worker, MetricsJson>>((resolve) => {
      const answers = new Map<Worker, MetricsJson>();
      const done = () => {
        clearTimeout(timer);
        this.collecting.delete(id);
        resolve(answers);
      };
      const timer = setTimeout(done, COLLECT_TIMEOUT_MS);
      this.collecting.set(id, (worker, message) => {
        if (message.metrics) answers.set(worker, message.metrics);
        else answers.set(worker, []);
        if (answers.size >= workers.length) done();
      });
      if (workers.length === 0) done();
      for (const worker of workers) worker.send({ type: COLLECT, id });
    });
    for (const [worker, json] of collected) if (json.length > 0) this.last.set(worker, json);
    await this.retiring;
    const parts = [...[...collected.values()].filter((json) => json.length > 0), this.retired, await this.own.getMetricsAsJSON()];
    const sum = AggregatorRegistry.aggregate(parts.filter((json) => json.length > 0));
    return { contentType: sum.contentType, body: await sum.metrics() };
  }

  private onMessage(worker: Worker, message: Message): void {
    if (message?.type === READY) this.ready.add(worker);
    else if (message?.type === COLLECTED && typeof message.id === 'number') this.collecting.get(message.id)?.(worker, message);
    else if (message?.type === SCRAPE) {
      this.aggregate().then(
        (scrape) => worker.isConnected() && worker.send({ type: RESULT, id: message.id, ...scrape }),
        (error: Error) => worker.isConnected() && worker.send({ type: RESULT, id: message.id, error: error.message }),
      );
    }
  }

  /** A worker exited: its counters and histograms, as last collected, stay in the totals. */
  private retire(worker: Worker): void {
    this.ready.delete(worker);
    const last = this.last.get(worker);
    this.last.delete(worker);
    if (!last) return;
    const lasting = last.filter((metric) => String(metric.type) === 'counter' || String(metric.type) === 'histogram');
    this.retiring = this.retiring.then(async () => {
      this.retired = await AggregatorRegistry.aggregate([this.retired, lasting].filter((json) => json.length > 0)).getMetricsAsJSON();
    });
  }
}
