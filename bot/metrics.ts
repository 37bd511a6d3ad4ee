import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { BotEvent } from '../dialogs/services';
import type { SendFailureReason } from './sendFailure';

/**
 * The instance's Prometheus metrics (GET /metrics), in a registry of its own (never prom-client's global one), so
 * that several runtimes in one process (tests) never share counters. The core owns it and hands it to the parts
 * that observe something (the turn meter, the HTTP edge, the outbox, Redis, the knowledge store); nothing imports
 * it as a singleton.
 *
 * Labels are ids from a small, known set only (channel, activity type, intent kind, knowledge entry id, refusal
 * reason, queue name), never what a citizen typed; each label keeps at most a fixed number of distinct values and
 * folds the rest into "other", so a forged channel id or a flood of odd requests cannot blow up the series.
 *
 * On the hot path (one turn) nothing but plain numbers change: a lookup key, a map lookup and an increment, no
 * JSON and nothing asynchronous (prom-client's own inc() checks and hashes its labels on every call, which costs
 * more than all of this). The numbers are handed to prom-client when a scrape asks for them.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly turns: Tally;
  private readonly sendFailures: Tally;
  private readonly turnSeconds: Timings;
  private readonly degraded: Tally;
  private readonly questions: Tally;
  private readonly unanswered: Tally;
  private readonly unsure: Tally;
  private readonly feedback: Tally;
  private readonly outbound: Tally;
  private readonly retries: Tally;
  private readonly deadLetters: Tally;
  private readonly rejections: Tally;
  private readonly reloads: Tally;
  private readonly redisErrors: Tally;
  private readonly queueSources: QueueDepthSource[] = [];
  private readonly redisClients: { name: string; ready: () => boolean }[] = [];
  private knowledgeSource: (() => { entries: number; loadedAt: Date }) | null = null;
  private readonly labels = {
    channel: new BoundedValues(32),
    type: new BoundedValues(16),
    intent: new BoundedValues(64),
    entry: new BoundedValues(10_000),
    route: new BoundedValues(64),
    reason: new BoundedValues(64),
  };

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.turns = tally({
      name: 'ttb_turns_total',
      help: 'Turns run, by channel, activity type, intent kind (what the router ran: entry, menu, unsure, unknown, flow:<id>...; "-" for none) and outcome (answered, silent, error)',
      labelNames: ['channel', 'type', 'intent', 'outcome'],
      registers,
    });
    this.sendFailures = tally({
      name: 'ttb_reply_send_failures_total',
      help: 'Turns whose replies could not be handed to the channel (Bot Framework connector, web chat history; also counted in ttb_turns_total as outcome="error"), by channel and reason: timeout, http_4xx, http_5xx, network, storage, expired, other',
      labelNames: ['channel', 'reason'],
      registers,
    });
    this.turnSeconds = new Timings(
      'ttb_turn_duration_seconds',
      'How long a turn took, from the adapter to the send (turn lock, state and the bot included), by channel',
      'channel',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.registry.registerMetric(this.turnSeconds as unknown as Metric);
    this.degraded = tally({ name: 'ttb_turns_degraded_total', help: 'Turns run without stored state (Redis away), by channel', labelNames: ['channel'], registers });
    this.questions = tally({
      name: 'ttb_questions_total',
      help: 'Free-text messages the understanding read, by channel and decision (answer, clarify = "did you mean", none)',
      labelNames: ['channel', 'decision'],
      registers,
    });
    this.unanswered = tally({ name: 'ttb_questions_unanswered_total', help: 'Questions answered "I don\'t know" (kept for staff: npm run kb:gaps), by channel', labelNames: ['channel'], registers });
    this.unsure = tally({ name: 'ttb_questions_unsure_total', help: 'Questions answered with "did you mean" (kept for staff: npm run kb:gaps), by channel', labelNames: ['channel'], registers });
    this.feedback = tally({ name: 'ttb_feedback_total', help: '👍 (rating="up") and 👎 (rating="down") after an answer, by knowledge entry id', labelNames: ['entry', 'rating'], registers });
    this.outbound = tally({
      name: 'ttb_outbound_messages_total',
      help: 'Messages of the durable path (Zalo, Messenger) by channel and outcome: sent, held (platform window closed; sent when the user writes again)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.retries = tally({ name: 'ttb_outbound_retries_total', help: 'Sends tried again after a network error, a 5xx or a rate limit, by channel', labelNames: ['channel'], registers });
    this.deadLetters = tally({
      name: 'ttb_outbound_dead_letters_total',
      help: 'Messages given up (npm run outbox -- list), by channel and reason: refused, retries_exhausted, held_too_often',
      labelNames: ['channel', 'reason'],
      registers,
    });
    this.rejections = tally({
      name: 'ttb_http_rejections_total',
      help: 'Requests answered 4xx/5xx, by route, status and reason (webhooks: signature, malformed_json, malformed_event, too_large, unsupported_encoding, queue_unavailable...)',
      labelNames: ['route', 'status', 'reason'],
      registers,
    });
    this.reloads = tally({
      name: 'ttb_knowledge_reloads_total',
      help: 'Knowledge folder reloads by outcome: updated, unchanged, refused (the edit has errors; the last good version stays), failed (an unexpected error)',
      labelNames: ['outcome'],
      registers,
    });
    this.redisErrors = tally({ name: 'ttb_redis_errors_total', help: 'Errors reported by a Redis connection (failed connection attempts included), by connection', labelNames: ['connection'], registers });
    this.scrapeTimeGauges(registers, options.queueTimeoutMs ?? QUEUE_SCRAPE_TIMEOUT_MS);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** One turn, once it is over (bot/turnMeter.ts). Synchronous, a few map lookups. */
  turn(turn: ObservedTurn): void {
    const channel = this.labels.channel.of(turn.channel);
    const intent = this.labels.intent.of(turn.intent);
    this.turns.add(channel, this.labels.type.of(turn.type), intent, turn.outcome);
    if (turn.sendFailure) this.sendFailures.add(channel, turn.sendFailure);
    this.turnSeconds.observe(channel, turn.seconds);
    if (turn.degraded) this.degraded.add(channel);
    if (turn.decision) this.questions.add(channel, turn.decision);
    for (const event of turn.events) {
      if (event.type === 'unanswered') this.unanswered.add(channel);
      else if (event.type === 'unsure') this.unsure.add(channel);
      else if (event.type === 'feedback') this.feedback.add(turn.entries?.has(event.entryId) ? this.labels.entry.of(event.entryId) : OTHER, event.useful ? 'up' : 'down');
    }
  }

  /** A request answered 4xx/5xx (bot/server.ts). */
  rejected(route: string, status: number, reason: string): void {
    this.rejections.add(this.labels.route.of(route), String(status), this.labels.reason.of(reason));
  }

  /** The durable path's outbox (bot/channels/delivery/outbox.ts). */
  readonly delivery: DeliveryObserver = {
    sent: (channel) => this.outbound.add(this.labels.channel.of(channel), 'sent'),
    held: (channel) => this.outbound.add(this.labels.channel.of(channel), 'held'),
    retried: (channel) => this.retries.add(this.labels.channel.of(channel)),
    deadLetter: (channel, reason) => this.deadLetters.add(this.labels.channel.of(channel), reason),
  };

  knowledgeReloaded(outcome: 'updated' | 'unchanged' | 'refused' | 'failed'): void {
    this.reloads.add(outcome);
  }

  redisError(connection: string): void {
    this.redisErrors.add(connection);
  }

  /** A Redis connection whose state `ttb_redis_up` reports at scrape time. */
  watchRedis(name: string, ready: () => boolean): void {
    this.redisClients.push({ name, ready });
  }

  /** Queues whose depths are read at scrape time (with a short timeout: an outage never hangs a scrape). */
  watchQueues(source: QueueDepthSource): void {
    this.queueSources.push(source);
  }

  /** The knowledge being served, reported at scrape time. */
  watchKnowledge(source: () => { entries: number; loadedAt: Date }): void {
    this.knowledgeSource = source;
  }

  /** The exposition text and its content type (one instance; bot/clusterMetrics.ts adds the workers up). */
  async scrape(): Promise<Scrape> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private scrapeTimeGauges(registers: Registry[], queueTimeoutMs: number): void {
    const metrics = this;
    // Both read the same depths, once per scrape (prom-client collects every metric of a scrape concurrently).
    let reading: Promise<QueueDepth[] | null> | null = null;
    const readOnce = () => (reading ??= metrics.readQueues(queueTimeoutMs).finally(() => (reading = null)));
    new Gauge({
      name: 'ttb_queue_jobs',
      help: 'Jobs in each queue (one BullMQ queue per shard) by state: waiting, active, delayed, failed (= dead letters). Read at scrape time; absent when the queues did not answer in time (see ttb_queue_depths_read)',
      labelNames: ['queue', 'state'],
      aggregator: 'max',
      registers,
      async collect() {
        const depths = await readOnce();
        this.reset();
        for (const queue of depths ?? []) {
          for (const state of QUEUE_STATES) this.set({ queue: queue.queue, state }, queue[state]);
        }
      },
    });
    new Gauge({
      name: 'ttb_queue_depths_read',
      help: '1 when every queue depth was read for this scrape, 0 when the queues did not answer in time (Redis away): ttb_queue_jobs is then absent',
      aggregator: 'min',
      registers,
      async collect() {
        this.set((await readOnce()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ttb_redis_up',
      help: '1 when the Redis connection is ready, 0 while it is away (the lowest over the workers)',
      labelNames: ['connection'],
      aggregator: 'min',
      registers,
      collect() {
        this.reset();
        for (const client of metrics.redisClients) this.set({ connection: client.name }, client.ready() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ttb_knowledge_entries',
      help: 'Entries in the knowledge base being served (the lowest over the workers)',
      aggregator: 'min',
      registers,
      collect() {
        const kb = metrics.knowledgeSource?.();
        if (kb) this.set(kb.entries);
      },
    });
    new Gauge({
      name: 'ttb_knowledge_loaded_timestamp_seconds',
      help: 'When the knowledge base being served was loaded (the oldest over the workers: one still on an old version shows)',
      aggregator: 'min',
      registers,
      collect() {
        const kb = metrics.knowledgeSource?.();
        if (kb) this.set(kb.loadedAt.getTime() / 1000);
      },
    });
    new Gauge({
      name: 'ttb_workers_reporting',
      help: 'Processes whose metrics this scrape adds up (1 per worker of the Node cluster)',
      aggregator: 'sum',
      registers,
      collect() {
        this.set(1);
      },
    });
  }

  /** Every source's depths, or null when one failed or Redis did not answer within the timeout. */
  private async readQueues(timeoutMs: number): Promise<QueueDepth[] | null> {
    if (this.queueSources.length === 0) return [];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const all = Promise.all(this.queueSources.map((source) => source())).then((lists) => lists.flat(), () => null);
    try {
      return await Promise.race([all, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** One scrape's answer. */
export interface Scrape {
  contentType: string;
  body: string;
}

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event loop lag, GC...) in the same registry (default true). */
  processMetrics?: boolean;
  /** How long a scrape waits for the queue depths (default 500 ms). */
  queueTimeoutMs?: number;
}

/** What the turn meter tells about one finished turn: ids and kinds only, never text. */
export interface ObservedTurn {
  channel: string | undefined;
  type: string | undefined;
  intent: string | undefined;
  decision: string | undefined;
  outcome: 'answered' | 'silent' | 'error';
  /** Why the replies could not be sent, when that is how the turn failed. */
  sendFailure?: SendFailureReason;
  seconds: number;
  degraded: boolean;
  /** Staff events the turn recorded (unanswered, "did you mean", 👍/👎). */
  events: readonly BotEvent[];
  /** The knowledge base's entry ids (a 👍/👎 label is an entry id the base has). */
  entries: { has(entryId: string): boolean } | undefined;
}

/** What the outbox of the durable path reports (channel = 'zalo' | 'facebook'). */
export interface DeliveryObserver {
  sent(channel: string): void;
  held(channel: string): void;
  retried(channel: string): void;
  deadLetter(channel: string, reason: 'refused' | 'retries_exhausted' | 'held_too_often'): void;
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export type QueueDepth = { queue: string } & Record<(typeof QUEUE_STATES)[number], number>;

export type QueueDepthSource = () => Promise<QueueDepth[]>;

/** How long a scrape waits for queue depths before it reports them absent. */
export const QUEUE_SCRAPE_TIMEOUT_MS = 500;

const OTHER = 'other';

/** Label values: ids and route paths up to 80 characters of letters, digits and . _ : - / (no text, no spaces). */
const SAFE_VALUE = /^[\p{L}\p{N}_.:/-]{1,80}$/u;

/**
 * The values one label may take: the first `max` distinct safe values are kept as they are, anything else is
 * "other"; a missing value is "-".
 */
export class BoundedValues {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(value: string | undefined): string {
    if (value === undefined || value === '') return '-';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max || !SAFE_VALUE.test(value)) return OTHER;
    this.seen.add(value);
    return value;
  }
}

/**
 * A counter kept as plain numbers, one per combination of label values (at most four), copied into its
 * prom-client Counter when scraped. Values must already be bounded (BoundedValues) or from a fixed set.
 */
export class Tally {
  /** One map per label (unused ones are ''): lookups of strings whose hash is known, no key to build. */
  private readonly root: Level = new Map();
  private readonly cells: Cell[] = [];

  constructor(private readonly labelNames: readonly string[]) {}

  add(a = '', b = '', c = '', d = ''): void {
    const l1 = this.root.get(a) ?? this.level(this.root, a);
    const l2 = (l1 as Level).get(b) ?? this.level(l1 as Level, b);
    const l3 = (l2 as Level).get(c) ?? this.level(l2 as Level, c);
    const cell = (l3 as Level).get(d) as Cell | undefined;
    if (cell) cell.n++;
    else this.newCell(l3 as Level, [a, b, c, d]);
  }

  copyInto(counter: Counter<string>): void {
    counter.reset();
    for (const { labels, n } of this.cells) counter.inc(labels, n);
  }

  private level(parent: Level, value: string): Level {
    const level: Level = new Map();
    parent.set(value, level);
    return level;
  }

  private newCell(parent: Level, values: string[]): void {
    const cell: Cell = { labels: Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]])), n: 1 };
    parent.set(values[3], cell);
    this.cells.push(cell);
  }
}

interface Cell {
  labels: Record<string, string>;
  n: number;
}

type Level = Map<string, Level | Cell>;

function tally(config: { name: string; help: string; labelNames?: string[]; registers: Registry[] }): Tally {
  const counts = new Tally(config.labelNames ?? []);
  new Counter({
    ...config,
    labelNames: config.labelNames ?? [],
    collect() {
      counts.copyInto(this);
    },
  });
  return counts;
}

/**
 * A histogram with one label, kept as plain numbers (a count per bucket, a sum and a count per label value) and
 * read by the registry as prom-client reads its own histograms (same values, cumulative buckets).
 */
export class Timings {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly label: string,
    private readonly upperBounds: readonly number[],
  ) {}

  observe(value: string, seconds: number): void {
    let series = this.series.get(value);
    if (!series) {
      series = { buckets: this.upperBounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(value, series);
    }
    let i = 0;
    while (i < this.upperBounds.length && seconds > this.upperBounds[i]) i++;
    if (i < this.upperBounds.length) series.buckets[i]++;
    series.sum += seconds;
    series.count++;
  }

  /** What prom-client's Histogram.get() gives: bucket, sum and count values with their metric names. */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: { labels: Record<string, string | number>; value: number; metricName: string }[] }> {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const [labelValue, series] of this.series) {
      let cumulative = 0;
      this.upperBounds.forEach((bound, i) => {
        cumulative += series.buckets[i];
        values.push({ labels: { le: bound, [this.label]: labelValue }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', [this.label]: labelValue }, value: series.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { [this.label]: labelValue }, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { [this.label]: labelValue }, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
