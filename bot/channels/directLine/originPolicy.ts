/**
 * Which web pages may talk to our Direct Line (CORS and the WebSocket Origin check). A request without an
 * Origin header is not from a browser page and is not refused here (its token still has to be valid).
 * Allowed: the server's own origin always; then either the configured list (WEBCHAT_ALLOWED_ORIGINS), or, when
 * none is configured, pages on this machine (localhost, 127.0.0.1, [::1]) so local use needs no setting.
 */
export class OriginPolicy {
  private readonly any: boolean;
  private readonly listed: Set<string>;

  constructor(allowed: readonly string[]) {
    this.any = allowed.includes('*');
    this.listed = new Set(allowed);
  }

  /** `host` is the request's Host header: an Origin with the same host is the server's own page. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.any) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // "null" (sandboxed frames, file://) and anything unparsable
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (host !== undefined && url.host === host.toLowerCase()) return true;
    if (this.listed.size > 0) return this.listed.has(url.origin);
    return isLoopbackHost(url.hostname);
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
