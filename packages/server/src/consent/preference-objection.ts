import { sql } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import type { RightsDeps } from '../rights/apply-action.js';
import { checkEmail } from '../rights/create-request.js';
import { startTakenRequest, type IntakeResult } from '../rights/intake-request.js';
import { emailHash, londonDate } from '../rights/rights-context.js';

/** Statuses after which a request is closed (a new objection to the same purposes then opens a new request). */
const CLOSED = ['completed', 'refused'] as const;

const listOf = (names: readonly string[]): string => (names.length > 1 ? `${names.slice(0, -1).join('; ')} and ${names.at(-1)}` : (names[0] ?? ''));

/** A purpose the person objects to, with when the objection was recorded. */
export interface StandingObjection {
  key: string;
  name: string;
  at: string;
}

/**
 * The Art 21(1) objections the person stands by, as the ledger now holds them (not as one save changed them, so a
 * request that failed to open after its receipt was stored opens at the next save): purposes resting on legitimate
 * interests or a public task (mode `object`) whose latest choice, made in the preference centre, is refused. `at` is
 * when that objection began: the first refusal since the purpose was last granted (saving the page again records the
 * same refusal anew, which is not a new objection). An objection to direct marketing is left out: it is absolute and
 * the suppression list already acts on it (Art 21(3)), so no request or balancing is needed.
 */
export function standingObjections(
  targets: readonly { key: string; name: string; kind: string; mode: string; directMarketing: boolean; state: string | null; method: string | null }[],
  history: readonly { recordedAt: string; choices: Readonly<Record<string, string>> }[],
): StandingObjection[] {
  const out: StandingObjection[] = [];
  for (const t of targets) {
    if (t.kind !== 'purpose' || t.mode !== 'object' || t.directMarketing || t.state !== 'refused' || t.method !== 'preference_centre') continue;
    let since: string | undefined;
    for (const r of history) {
      const c = r.choices[t.key];
      if (c === 'granted') since = undefined;
      else if (c === 'refused') since ??= r.recordedAt;
    }
    if (since) out.push({ key: t.key, name: t.name, at: since });
  }
  return out;
}

/**
 * Opens a rights request of type `objection` for an Art 21(1) objection made in the preference centre by the person on
 * the emailed link, so the one-month clock runs (Art 12(3), day 0 today) and staff answer it: it must stop unless it
 * shows compelling legitimate grounds, and tell the person either way. Identity is treated as confirmed by the link
 * (only the mailbox's owner receives it); the person gets the acknowledgement with the private status link, as for any
 * request (startTakenRequest, the staff intake path). Purposes already covered by an objection request from the
 * preference centre for the same address (open, or closed but opened after the objection) are left out, and nothing is
 * opened when none remain: saving the page again, or two tabs at once (an advisory lock on the address), never opens a
 * second request; a new objection after an answered one opens a new request.
 */
export async function openPreferenceObjection(deps: RightsDeps, input: { email: string; purposes: readonly StandingObjection[]; actor: Actor }): Promise<IntakeResult | null> {
  if (input.purposes.length === 0) return null;
  const email = checkEmail(input.email);
  const hash = emailHash(email);
  return deps.store.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`preference-objection|${hash}`}))`.execute(trx);
    const earlier = await trx
      .selectFrom('rights_requests')
      .select(['objection_purposes', 'status', 'created_at'])
      .where('email_hash', '=', hash)
      .where('type', '=', 'objection')
      .where('channel', '=', 'preference_centre')
      .execute();
    // Covered: by an open request, or by a closed one opened after the objection was recorded (it was answered).
    const covers = (p: StandingObjection) =>
      earlier.some(
        (r) =>
          Array.isArray(r.objection_purposes) &&
          r.objection_purposes.includes(p.key) &&
          (!(CLOSED as readonly string[]).includes(r.status) || new Date(r.created_at).getTime() >= Date.parse(p.at)),
      );
    const purposes = input.purposes.filter((p) => !covers(p));
    if (purposes.length === 0) return null;
    const names = purposes.map((p) => p.name);
    const details = [
      `Objection (UK GDPR Art 21(1)) made in the preference centre to: ${listOf(names)}.`,
      'This processing rests on legitimate interests or a task in the public interest. It has been stopped while the objection is considered (Art 18(1)(d)): it may carry on only if we show compelling legitimate grounds that override the person\'s interests, rights and freedoms, or need it for legal claims. Tell the person the outcome and why.',
      'The person did not give reasons on the page, which asked them to tell us about their situation using the contact details in the privacy notice.',
    ].join('\n\n');
    return startTakenRequest(
      trx,
      deps,
      { channel: 'preference_centre', receivedOn: londonDate(deps.clock.now()), type: 'objection', name: '', email, details, identityVerified: true, directMarketing: false },
      input.actor,
      { objectionPurposes: purposes.map((p) => p.key) },
    );
  });
}
