import net from 'node:net';

export interface NetGuard {
  /** Every outgoing TCP connection the process tried, as host:port (host as given, before any DNS lookup). */
  attempts: string[];
  /** The attempts to anything but a loopback address (each was refused before any packet left). */
  outside(): string[];
  restore(): void;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;

/**
 * Records every TCP connection this process opens and refuses (with ECONNREFUSED, before DNS and before any
 * packet) any whose host is not a loopback address: a test can show that something did NOT connect out, and
 * nothing it does can reach another machine even if the code under test is wrong.
 */
export function guardNetwork(): NetGuard {
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const { host, port, path } = target(args);
    if (path) return original.apply(this, args as Parameters<typeof original>);
    attempts.push(`${host}:${port}`);
    if (!LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
      const error = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (refused by the test's network guard)`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  return {
    attempts,
    outside: () => attempts.filter((attempt) => !LOOPBACK.test(attempt.slice(0, attempt.lastIndexOf(':')).replace(/^\[|\]$/g, ''))),
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

function target(args: unknown[]): { host: string; port: string; path?: string } {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    return { host: options.host ?? 'localhost', port: String(options.port ?? ''), path: options.path };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { host: '', port: '', path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: String(first) };
}
