/**
 * @pledge/sdk: a small client for Pledge's consent API, for Node (>= 20) and browsers. It uses only `fetch` and Web
 * Crypto, and has no dependencies.
 *
 * @example
 * const pledge = new PledgeClient({ baseUrl: 'https://privacy.example.com', apiKey: process.env.PLEDGE_API_KEY });
 * await pledge.record({ person: { subjectId: 'cust-42' }, choices: { newsletter: 'granted' }, method: 'form' });
 * if (await pledge.isAllowed({ subjectId: 'cust-42' }, 'newsletter')) send();
 */

export type ReceiptMethod = 'banner' | 'form' | 'api' | 'import' | 'gpc' | 'dnt' | 'preference_centre' | 'unsubscribe';
export type Choice = 'granted' | 'refused';

/** One person: your id for them, their address, or the banner's anonymous device id. */
export type Person = { subjectId: string } | { email: string } | { deviceId: string };

export interface Receipt {
  person: { subjectId?: string; email?: string; deviceId?: string };
  /** Purpose id, or "cookie:<category>" -> granted / refused. */
  choices: Record<string, Choice>;
  method: ReceiptMethod;
  declarationVersion?: string;
  page?: string;
  userAgent?: string;
  ip?: string;
  givenAt?: string;
  /** Made for you when absent; retries reuse it, so a retry never stores a second receipt. */
  idempotencyKey?: string;
  age?: number;
  parentalConsent?: { method: string; reference: string };
}

export interface RecordResult {
  receiptId: string | null;
  status: 'recorded' | 'duplicate' | 'conflict';
  recordedAt: string | null;
  idempotencyKey: string;
}

export interface ConsentState {
  publishedVersion: number | null;
  targets: { key: string; kind: 'purpose' | 'cookie'; name: string; mode: 'opt_in' | 'opt_out' | 'object'; directMarketing: boolean; follows?: string[]; state: Choice | null; at: string | null; receiptId: string | null; method: string | null; allowed: boolean }[];
  allowed: Record<string, boolean>;
  retired: Record<string, { state: Choice; at: string; receiptId: string; method: string }>;
  suppressed: { scope: string; reason: string }[];
}

export interface PledgeClientOptions {
  /** Where Pledge is, e.g. "https://privacy.example.com". */
  baseUrl: string;
  /** An API key ("pk_..."): consent:read to ask, consent:write to record. */
  apiKey?: string;
  /** How long a person's state is trusted before it is asked again (ms). Default 30 s; 0 disables the cache. */
  cacheTtlMs?: number;
  /** Most people kept in the cache (oldest dropped first). Default 10,000. */
  maxCacheEntries?: number;
  /** Attempts for a request that fails on the network or with 5xx/429 (idempotent: receipts carry their key). Default 3. */
  attempts?: number;
  fetch?: typeof fetch;
}

/** An error answer from Pledge, with its stable code, message (which says how to fix it) and details. */
export class PledgeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'PledgeApiError';
  }
}

/** Trims and lower-cases an address, exactly as Pledge does before hashing it (nothing else). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** SHA-256 (hex) of the normalised address: what Pledge's suppression list holds. */
export async function hashEmail(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(normaliseEmail(email));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface CacheEntry {
  expires: number;
  allowed: Record<string, boolean>;
}

const MAX_BATCH = 1000;

/** The cache key of a person: one Map lookup per check. */
function keyOf(p: Person): string {
  if ('subjectId' in p) return `s\u0000${p.subjectId}`;
  if ('deviceId' in p) return `d\u0000${p.deviceId}`;
  return `e\u0000${normaliseEmail(p.email)}`;
}

export class PledgeClient {
  private readonly base: string;
  private readonly ttl: number;
  private readonly max: number;
  private readonly attempts: number;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly cache = new Map<string, CacheEntry>();
  /** The same entries for subject ids, keyed by the id itself, so the common check builds no key. */
  private readonly subjects = new Map<string, CacheEntry>();
  /** Bumped on every own write for a person: a state fetched before the write is not cached after it. */
  private readonly generation = new Map<string, number>();
  /**
   * Bumped on every own write that may change subjects this client cannot name (a device's receipt counts for the
   * subject it is linked to; a new link): a subject's state fetched before such a write is not cached after it.
   */
  private subjectsEpoch = 0;

  constructor(options: PledgeClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.ttl = options.cacheTtlMs ?? 30_000;
    this.max = options.maxCacheEntries ?? 10_000;
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.headers = { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let last: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let res: Response;
      try {
        res = await this.fetchFn(`${this.base}${path}`, { method, headers: this.headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        continue;
      }
      if (res.ok) return (await res.json()) as T;
      const err = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: unknown } };
      last = new PledgeApiError(res.status, err.error?.code ?? 'http_error', err.error?.message ?? `Pledge answered ${res.status}.`, err.error?.details ?? null);
      if (res.status < 500 && res.status !== 429) throw last;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
    throw last;
  }

  private drop(key: string): void {
    this.cache.delete(key);
    if (key.startsWith('s\u0000')) this.subjects.delete(key.slice(2));
  }

  private forget(r: Receipt['person']): void {
    const keys: string[] = [];
    if (r.subjectId !== undefined) keys.push(keyOf({ subjectId: r.subjectId }));
    if (r.email !== undefined) keys.push(keyOf({ email: r.email }));
    if (r.deviceId !== undefined) keys.push(keyOf({ deviceId: r.deviceId }));
    for (const k of keys) {
      this.drop(k);
      this.generation.set(k, (this.generation.get(k) ?? 0) + 1);
    }
    // A device's choices count for the subject it is linked to, whom this client may not know: drop subjects too.
    if (r.deviceId !== undefined) this.forgetSubjects();
  }

  /** Drops every cached subject, and keeps a subject's state already being fetched from being cached. */
  private forgetSubjects(): void {
    this.subjectsEpoch++;
    for (const k of [...this.cache.keys()]) if (k.startsWith('s\u0000')) this.drop(k);
  }

  /** Records one receipt. Retries keep the idempotency key, so at most one receipt is stored. */
  async record(receipt: Receipt): Promise<RecordResult> {
    const body = { ...receipt, idempotencyKey: receipt.idempotencyKey ?? globalThis.crypto.randomUUID() };
    try {
      return await this.request<RecordResult>('POST', '/api/consent/receipts', body);
    } finally {
      this.forget(receipt.person);
    }
  }

  /** Records many receipts, in requests of up to 1,000 (each all or none). */
  async recordBatch(receipts: readonly Receipt[]): Promise<RecordResult[]> {
    const withKeys = receipts.map((r) => ({ ...r, idempotencyKey: r.idempotencyKey ?? globalThis.crypto.randomUUID() }));
    const out: RecordResult[] = [];
    try {
      for (let i = 0; i < withKeys.length; i += MAX_BATCH) {
        const { results } = await this.request<{ results: RecordResult[] }>('POST', '/api/consent/receipts/batch', { receipts: withKeys.slice(i, i + MAX_BATCH) });
        out.push(...results);
      }
      return out;
    } finally {
      for (const r of receipts) this.forget(r.person);
    }
  }

  /** The person's current state from Pledge (and fills the cache). */
  async state(person: Person): Promise<ConsentState> {
    const key = keyOf(person);
    const gen = this.generation.get(key) ?? 0;
    const epoch = this.subjectsEpoch;
    const q =
      'subjectId' in person ? `subjectId=${encodeURIComponent(person.subjectId)}` : 'deviceId' in person ? `deviceId=${encodeURIComponent(person.deviceId)}` : `emailHash=${await hashEmail(person.email)}`;
    const s = await this.request<ConsentState>('GET', `/api/consent/state?${q}`);
    if (this.ttl > 0 && (this.generation.get(key) ?? 0) === gen && !('subjectId' in person && this.subjectsEpoch !== epoch)) {
      if (this.cache.size >= this.max) this.drop(this.cache.keys().next().value as string);
      const entry = { expires: Date.now() + this.ttl, allowed: s.allowed };
      this.cache.set(key, entry);
      if ('subjectId' in person) this.subjects.set(person.subjectId, entry);
    }
    return s;
  }

  /**
   * Whether `purpose` (a purpose id, or "cookie:<category>") may be used for the person now, from the cache when fresh
   * (a Map lookup), else from Pledge. Unknown purposes are not allowed.
   */
  async isAllowed(person: Person, purpose: string): Promise<boolean> {
    const hit = this.check(person, purpose);
    if (hit !== undefined) return hit;
    return (await this.state(person)).allowed[purpose] === true;
  }

  /** The cached answer only, synchronously: true/false when the person's state is cached and fresh, else undefined. */
  check(person: Person, purpose: string): boolean | undefined {
    // The hot path: one lookup by the caller's own id string (already hashed by the engine), no string built.
    const s = (person as { subjectId?: string }).subjectId;
    const e = s !== undefined ? this.subjects.get(s) : this.cache.get(keyOf(person));
    if (e === undefined || e.expires <= Date.now()) return undefined;
    return e.allowed[purpose] === true;
  }

  /** Drops one person's cached state, or all. */
  invalidate(person?: Person): void {
    if (person) this.drop(keyOf(person));
    else {
      this.cache.clear();
      this.subjects.clear();
    }
  }

  /** Whether an address is on the suppression list (for `purpose`, or for any marketing). Only its hash is sent. */
  async isSuppressed(email: string, purpose?: string): Promise<boolean> {
    const h = await hashEmail(email);
    const { results } = await this.request<{ results: { suppressed: boolean }[] }>('POST', '/api/consent/suppressions/check', { hashes: [h], ...(purpose ? { purpose } : {}) });
    return results[0]?.suppressed === true;
  }

  /** RFC 8058 one-click unsubscribe headers for a message to `email` about `purpose` (needs consent:write). */
  async unsubscribeHeaders(input: { email: string; purpose?: string }): Promise<{ 'List-Unsubscribe': string; 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }> {
    const { headers } = await this.request<{ headers: { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }>('POST', '/api/consent/unsubscribe-headers', input);
    return headers;
  }

  /** Links the banner's device id to your subject id (e.g. at sign-in). */
  async linkDevice(deviceId: string, subjectId: string): Promise<{ linked: boolean }> {
    try {
      return await this.request<{ linked: boolean }>('POST', '/api/consent/links', { deviceId, subjectId });
    } finally {
      const key = keyOf({ subjectId });
      this.drop(key);
      this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
    }
  }
}
