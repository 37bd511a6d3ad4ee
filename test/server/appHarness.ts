import type { AddressInfo } from 'node:net';
import type { RuntimeOptions } from '../../bot/app';
import { readConfig } from '../../bot/config';
import { buildApp, type App } from '../../bot/index';
import { silentLogger, type Logger } from '../../bot/logger';
import { FROZEN_KB } from '../helpers/paths';

export interface RunningApp extends App {
  base: string;
}

/** The whole instance as `npm start` builds it (frozen knowledge, no watching), listening on a free loopback port. */
export async function startApp(env: Record<string, string> = {}, options: RuntimeOptions = {}, logger: Logger = silentLogger()): Promise<RunningApp> {
  const config = readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', ...env });
  const app = buildApp(config, logger, options);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { ...app, base: `http://127.0.0.1:${port}` };
}

export function postActivity(base: string, activity: unknown): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
}

export function message(serviceUrl: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `activity-${Math.random().toString(36).slice(2)}`,
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'Citizen' },
    recipient: { id: 'bot', name: 'Thủ tục bot' },
    conversation: { id: 'conversation-1' },
    text,
    locale: 'vi-VN',
    ...extra,
  };
}
