import type { Socket } from 'node:net';
import { Redis, type Command, type RedisOptions } from 'ioredis';

/**
 * How long a connection attempt and a command may take before they count as failed, measured so that a busy
 * event loop is not mistaken for a dead Redis.
 *
 * ioredis arms plain timers for both. Node runs expired timers before it reads the network, so after the loop was
 * blocked for longer than the timeout (the instance building its understanding for a second at start, another
 * instance starting in the same process, a starved CPU under load) the timer fires while the answer is already
 * waiting in the socket: a connection that was made is dropped as "connect ETIMEDOUT" (and retried), a command that
 * was answered fails as "Command timed out". Here a timer that expires first lets the loop read the network once
 * (setImmediate runs after that read), and only then, if there is still no connection or no answer, gives up.
 */
export interface Patience {
  connectTimeoutMs: number;
  /** 0: no command timeout. */
  commandTimeoutMs: number;
}

/**
 * ioredis's own connect timeout stays as a backstop: it is also the sentinels' connect timeout (ioredis gives
 * them the same option), and it catches a loop blocked for longer than this.
 */
export const BACKSTOP_CONNECT_TIMEOUT_MS = 5000;

/** A Redis client whose connect and command timeouts wait for the network to be read (see Patience). */
export class PatientRedis extends Redis {
  private readonly patience: Patience;

  constructor(url: string | undefined, options: RedisOptions, patience: Patience) {
    const backstop = { ...options, commandTimeout: undefined, connectTimeout: Math.max(options.connectTimeout ?? 0, BACKSTOP_CONNECT_TIMEOUT_MS) };
    if (url) super(url, backstop);
    else super(backstop);
    this.patience = patience;
    this.watchConnects();
  }

  /**
   * Same client settings, same patience (queue workers and subscribers are made this way), but no automatic
   * pipelining unless asked for: such a connection serves one part (a queue's blocking reads, a subscription),
   * where batching has nothing to gather and would only hold commands behind a blocking one.
   */
  override duplicate(override: Partial<RedisOptions> = {}): Redis {
    const commandTimeoutMs = 'commandTimeout' in override ? (override.commandTimeout ?? 0) : this.patience.commandTimeoutMs;
    const connectTimeoutMs = override.connectTimeout ?? this.patience.connectTimeoutMs;
    return new PatientRedis(undefined, { ...this.options, enableAutoPipelining: false, ...override }, { connectTimeoutMs, commandTimeoutMs });
  }

  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    if (this.patience.commandTimeoutMs > 0 && !command.isResolved) {
      const cancel = patientTimer(this.patience.commandTimeoutMs, () => {
        if (!command.isResolved) command.reject(new Error('Command timed out'));
      });
      command.promise.then(cancel, cancel);
    }
    return super.sendCommand(command, stream);
  }

  /** Each attempt: still not connected once the time is up and the network was read since, then ETIMEDOUT. */
  private watchConnects(): void {
    if (this.patience.connectTimeoutMs <= 0) return;
    let cancel: (() => void) | undefined;
    const stop = () => {
      cancel?.();
      cancel = undefined;
    };
    this.on('connecting', () => {
      stop();
      const previous = this.stream as Socket | undefined;
      const check = () => {
        if (this.status !== 'connecting') return;
        const stream = this.stream as Socket | undefined;
        // No socket of this attempt yet: the sentinels are still being asked (they have timeouts of their own).
        if (!stream || stream === previous || stream.destroyed) {
          cancel = patientTimer(this.patience.connectTimeoutMs, check);
          return;
        }
        if (!stream.connecting) return;
        stream.destroy(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT', errno: 'ETIMEDOUT', syscall: 'connect' }));
      };
      cancel = patientTimer(this.patience.connectTimeoutMs, check);
    });
    for (const event of ['connect', 'close', 'end']) this.on(event, stop);
  }
}

/** Calls `expired` once `ms` have passed and the loop has read the network since; returns the cancel. */
function patientTimer(ms: number, expired: () => void): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(expired);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}
