import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A minimal browser for tests over app.inject: keeps the cookies the server sets, sends them back, and adds the
 * CSRF token once fetched. Used only by tests.
 */
export class TestBrowser {
  cookies: Record<string, string> = {};
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      cookies: this.cookies,
      headers: { ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (!c.value || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  /** Fetches a CSRF token for the current session, sent from now on. */
  async fetchCsrf(): Promise<string> {
    const res = await this.request('GET', '/api/auth/csrf');
    if (res.statusCode !== 200) throw new Error(`GET /api/auth/csrf gave ${res.statusCode}: ${res.body}`);
    this.csrf = res.json().token;
    return this.csrf!;
  }

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    this.csrf = undefined;
    return this.request('POST', '/api/auth/login', { email, password });
  }
}
