import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BotEvent } from '../dialogs/services';

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
 * On the hot path (one turn) there is no allocation beyond a lookup key, no JSON and nothing asynchronous: the
 * labelled children are made once and kept.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'channel' | 'type' | 'intent' | 'outcome'>;
  private readonly turnSeconds: Histogram<'channel'>;
  private readonly degraded: Counter<'channel'>;
  private readonly questions: Counter<'channel' | 'decision'>;
  private readonly unanswered: Counter<'channel'>;
  private readonly unsure: Counter<'channel'>;
  private readonly feedback: Counter<'entry' | 'rating'>;
  private readonly outbound: Counter<'channel' | 'outcome'>;
  private readonly retries: Counter<'channel'>;
  private readonly deadLetters: Counter<'channel' | 'reason'>;
  private readonly rejections: Counter<'route' | 'status' | 'reason'>;
  private readonly reloads: Counter<'outcome'>;
  private readonly redisErrors: Counter<'connection'>;
  private readonly queueSources: QueueDepthSource[] = [];
  private readonly redisClients: { name: string; ready: () => boolean }[] = [];
  private knowledgeSource: (() => { entries: number; loadedAt: Date }) | null = null;
  private readonly children = new Map<string, { inc(): void }>();
  private readonly timers = new Map<string, { observe(value: number): void }>();
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
    this.turns = new Counter({
      name: 'ttb_turns_total',
      help: 'Turns run, by channel, activity type, intent kind (what the router ran: entry, menu, unsure, unknown, flow:<id>...; "-" for none) and outcome (answered, silent, error)',
      labelNames: ['channel', 'type', 'intent', 'outcome'],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: 'ttb_turn_duration_seconds',
      help: 'How long a turn took, from the adapter to the send (turn lock, state and the bot included), by channel',
      labelNames: ['channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.degraded = new Counter({ name: 'ttb_turns_degraded_total', help: 'Turns run without stored state (Redis away), by channel', labelNames: ['channel'], registers });
    this.questions = new Counter({
      name: 'ttb_questions_total',
      help: 'Free-text messages the understanding read, by channel and decision (answer, clarify = "did you mean", none)',
      labelNames: ['channel', 'decision'],
      registers,
    });
    this.unanswered = new Counter({ name: 'ttb_questions_unanswered_total', help: 'Questions answered "I don\'t know" (kept for staff: npm run kb:gaps), by channel', labelNames: ['channel'], registers });
    this.unsure = new Counter({ name: 'ttb_questions_unsure_total', help: 'Questions answered with "did you mean" (kept for staff: npm run kb:gaps), by channel', labelNames: ['channel'], registers });
    this.feedback = new Counter({ name: 'ttb_feedback_total', help: '👍 (rating="up") and 👎 (rating="down") after an answer, by knowledge entry id', labelNames: ['entry', 'rating'], registers });
    this.outbound = new Counter({
      name: 'ttb_outbound_messages_total',
      help: 'Messages of the durable path (Zalo, Messenger) by channel and outcome: sent, held (platform window closed; sent when the user writes again)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.retries = new Counter({ name: 'ttb_outbound_retries_total', help: 'Sends tried again after a network error, a 5xx or a rate limit, by channel', labelNames: ['channel'], registers });
    this.deadLetters = new Counter({
      name: 'ttb_outbound_dead_letters_total',
      help: 'Messages given up (npm run outbox -- list), by channel and reason: refused, retries_exhausted, held_too_often',
      labelNames: ['channel', 'reason'],
      registers,
    });
    this.rejections = new Counter({
      name: 'ttb_http_rejections_total',
      help: 'Requests answered 4xx/5xx, by route, status and reason (webhooks: signature, malformed_json, malformed_event, too_large, unsupported_encoding, queue_unavailable...)',
      labelNames: ['route', 'status', 'reason'],
      registers,
    });
    this.reloads = new Counter({
      name: 'ttb_knowledge_reloads_total',
      help: 'Knowledge folder reloads by outcome: updated, unchanged, refused (the edit has errors; the last good version stays), failed (an unexpected error)',
      labelNames: ['outcome'],
      registers,
    });
    this.redisErrors = new Counter({ name: 'ttb_redis_errors_total', help: 'Errors reported by a Redis connection (failed connection attempts included), by connection', labelNames: ['connection'], registers });
    this.scrapeTimeGauges(registers, options.queueTimeoutMs ?? QUEUE_SCRAPE_TIMEOUT_MS);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** One turn, once it is over (bot/turnMeter.ts). Synchronous, a few map lookups. */
  turn(turn: ObservedTurn): void {
    const channel = this.labels.channel.of(turn.channel);
    const intent = this.labels.intent.of(turn.intent);
    this.child(this.turns, 't', channel, this.labels.type.of(turn.type), intent, turn.outcome).inc();
    this.timer(channel).observe(turn.seconds);
    if (turn.degraded) this.child(this.degraded, 'g', channel).inc();
    if (turn.decision) this.child(this.questions, 'q', channel, turn.decision).inc();
    for (const event of turn.events) {
      if (event.type === 'unanswered') this.child(this.unanswered, 'u', channel).inc();
      else if (event.type === 'unsure') this.child(this.unsure, 's', channel).inc();
      else if (event.type === 'feedback') {
        const entry = turn.knownEntry(event.entryId) ? this.labels.entry.of(event.entryId) : OTHER;
        this.child(this.feedback, 'f', entry, event.useful ? 'up' : 'down').inc();
      }
    }
  }

  /** A request answered 4xx/5xx (bot/server.ts). */
  rejected(route: string, status: number, reason: string): void {
    this.child(this.rejections, 'r', this.labels.route.of(route), String(status), this.labels.reason.of(reason)).inc();
  }

  /** The durable path's outbox (bot/channels/delivery/outbox.ts). */
  readonly delivery: DeliveryObserver = {
    sent: (channel) => this.child(this.outbound, 'o', this.labels.channel.of(channel), 'sent').inc(),
    held: (channel) => this.child(this.outbound, 'o', this.labels.channel.of(channel), 'held').inc(),
    retried: (channel) => this.child(this.retries, 'y', this.labels.channel.of(channel)).inc(),
    deadLetter: (channel, reason) => this.child(this.deadLetters, 'd', this.labels.channel.of(channel), reason).inc(),
  };

  knowledgeReloaded(outcome: 'updated' | 'unchanged' | 'refused' | 'failed'): void {
    this.child(this.reloads, 'k', outcome).inc();
  }

  redisError(connection: string): void {
    this.child(this.redisErrors, 'e', connection).inc();
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

  /** The labelled child of a counter, made once (prom-client would hash the labels on every call otherwise). */
  private child<L extends string>(counter: Counter<L>, tag: string, ...values: string[]): { inc(): void } {
    const key = tag + '\u0000' + values.join('\u0000');
    let child = this.children.get(key);
    if (!child) {
      child = counter.labels(...values);
      this.children.set(key, child);
    }
    return child;
  }

  private timer(channel: string): { observe(value: number): void } {
    let timer = this.timers.get(channel);
    if (!timer) {
      timer = this.turnSeconds.labels(channel);
      this.timers.set(channel, timer);
    }
    return timer;
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
  seconds: number;
  degraded: boolean;
  /** Staff events the turn recorded (unanswered, "did you mean", 👍/👎). */
  events: readonly BotEvent[];
  /** Whether an entry id is in the knowledge base (a 👍/👎 label is an entry id the base has). */
  knownEntry(entryId: string): boolean;
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
