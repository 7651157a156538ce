/** Who did something: a staff user, a system with an API key, the service itself, or a member of the public. */
export interface Actor {
  type: 'user' | 'api_key' | 'system' | 'public';
  id?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** What is recorded for one change. */
export interface AuditInput {
  actor: Actor;
  /** A dotted verb, e.g. "declaration.published", "user.created". */
  action: string;
  subject?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/** A stored entry, as read back and exported. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  prevHash: string;
  hash: string;
}
