import type { Route, UpgradeHandler } from '../server';

/**
 * A channel as the composition root mounts it: its HTTP routes (webhooks, polling...), what /healthz says about
 * it, and how it stops. Each lives in bot/channels/<name>/ and is made by a `createXChannel(runtime)` that returns
 * null when the channel is not configured; its adapter gets the shared middleware with runtime.attach(adapter).
 */
export interface ChannelModule {
  name: string;
  routes: Route[];
  /** Takes the HTTP upgrades (WebSockets) that are its own: returns true for those, false for any other. */
  upgrade?: UpgradeHandler;
  health?(): Record<string, unknown>;
  close(): Promise<void>;
}
