import type { Turn } from './turn';

/** Where a flow stands after a turn: waiting for the next reply (with its state), or done. */
export type FlowStep<S> = { kind: 'waiting'; state: S } | { kind: 'done' };

/** The reply did not answer the flow's question: the router decides (keep, pause, or ask again). */
export const NOT_MINE = Symbol('notMine');

/**
 * A conversation that takes several turns (the papers check; later the dossier-code prompt, the status
 * subscription). The router runs every flow the same way: it starts one from an action, hands it the replies it
 * understands, keeps it through help, menu, language and privacy (then `prompt` asks again), pauses it for
 * another question or action ("tiếp tục" resumes), and ends it on cancel. A flow writes only to `turn.reply`.
 *
 * A new flow is one file implementing this, one line in flows.ts, and one data-driven conversation test.
 */
export interface Flow<S = unknown, A = unknown> {
  readonly id: string;
  /** The stored state, checked: the state when it still fits this release of the flow, else null. */
  parse(state: unknown): S | null;
  /** Starts the flow with the arguments of the action that asked for it; says the first question. */
  start(turn: Turn, args: A): Promise<FlowStep<S>>;
  /**
   * A reply while the flow waits: `value` when one of the flow's own buttons was tapped (or its title or number
   * typed), else the typed text in `turn.input`. NOT_MINE when it is not an answer to the question.
   */
  reply(turn: Turn, state: S, value: string | undefined): Promise<FlowStep<S> | typeof NOT_MINE>;
  /** Asks the current question again with its buttons; `nudge` when the last reply was not understood. */
  prompt(turn: Turn, state: S, nudge: boolean): void;
  /** What the flow is doing, as a phrase ("kiểm tra giấy tờ cho “Đăng ký khai sinh”"), for paused and help lines. */
  describe(turn: Turn, state: S): string;
}

/** The flows the router knows, by id. */
export class FlowRegistry {
  private readonly flows = new Map<string, Flow>();

  constructor(flows: readonly Flow[]) {
    for (const flow of flows) {
      if (this.flows.has(flow.id)) throw new Error(`two flows have the id "${flow.id}"`);
      this.flows.set(flow.id, flow);
    }
  }

  get(id: string): Flow | undefined {
    return this.flows.get(id);
  }

  /** Whether a stored flow record still fits a registered flow (used when state is read). */
  fits(record: { id: string; state: unknown }): boolean {
    const flow = this.flows.get(record.id);
    return flow !== undefined && flow.parse(record.state) !== null;
  }
}
