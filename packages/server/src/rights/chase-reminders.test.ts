import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { readAudit } from '../audit/read-audit.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { headerAuthenticate, JUPITER_YAML, mailsTo, TestClock } from './rights-test-helpers.js';
import { sendRightsReminders } from './send-reminders.js';

const officerH = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };
const auditor = { 'x-test-role': 'auditor', 'x-test-user': 'u-auditor' };
const PASSWORD = 'correct horse battery staple 2026';

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`rights reminders on ${kind}: chasing requests that wait for the person`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    // Mon 2 Mar 2026; 14 days later is Mon 16 Mar.
    const clock = new TestClock(Date.parse('2026-03-02T10:00:00Z'));
    let agentId = '';
    const agent = () => ({ 'x-test-role': 'agent', 'x-test-user': agentId });
    const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => svc.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const view = async (id: string) => (await api('GET', `/api/rights/requests/${id}`, agent())).json();
    const subjects = async (to: string, start: string) => (await mailsTo(svc.deps, to)).map((m) => m.subject).filter((s) => s.startsWith(start));
    async function intake(email: string, extra: object = {}) {
      const res = await api('POST', '/api/rights/requests', agent(), { channel: 'email', receivedOn: londonToday(), type: 'access', name: 'Pat Person', email, identityVerified: true, ...extra });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    }
    const londonToday = () => new Date(clock.t).toISOString().slice(0, 10);

    let feeId = '';
    let identityId = '';
    let authorityId = '';
    let laterId = '';
    let workingId = '';

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, { rightsFeeInstructions: 'Pay by bank transfer quoting your reference.' }, { authenticate: headerAuthenticate, clock });
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
      agentId = (await createUser(svc.deps, { email: 'agent@example.test', name: 'Sam Worker', role: 'agent', password: PASSWORD }, { type: 'system' })).user.id;
      await createUser(svc.deps, { email: 'officer@example.test', name: 'Olive Officer', role: 'privacy_officer', password: PASSWORD }, { type: 'system' });
      // Asked on Mon 2 Mar: a fee (assigned to the agent), proof of identity (nobody assigned), evidence of authority.
      feeId = await intake('fee-person@example.test');
      expect((await api('POST', `/api/rights/requests/${feeId}/assign`, agent(), { assigneeId: agentId })).statusCode).toBe(200);
      const fee = await api('POST', `/api/rights/requests/${feeId}/fee`, officerH, { ground: 'excessive', amountPence: 1000, justification: 'The twelfth request for the same records this year, each answered in full.' });
      expect(fee.statusCode, fee.body).toBe(200);
      identityId = await intake('id-person@example.test');
      expect((await api('POST', `/api/rights/requests/${identityId}/identity/request`, agent(), { message: 'Please send a recent utility bill.' })).statusCode).toBe(200);
      authorityId = await intake('solicitor@example.test', { onBehalfOf: { name: 'Cara Client', relationship: 'Her solicitor' } });
      expect((await view(authorityId)).status).toBe('awaiting_authority');
      // Asked later (Tue 10 Mar): not chased on 16 Mar; and one being worked on.
      clock.set('2026-03-10T10:00:00Z');
      laterId = await intake('later@example.test');
      expect((await api('POST', `/api/rights/requests/${laterId}/identity/request`, agent(), { message: 'Please send a copy of a bank statement.' })).statusCode).toBe(200);
      workingId = await intake('working@example.test');
      expect((await api('POST', `/api/rights/requests/${workingId}/assign`, agent(), { assigneeId: agentId })).json().status).toBe('in_progress');
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('chases each waiting request once, PLEDGE_RIGHTS_CHASE_DAYS after it was asked', async () => {
      expect(svc.deps.config.rightsChaseDays).toBe(14);
      clock.set('2026-03-15T12:00:00Z'); // 13 days: not yet
      expect((await sendRightsReminders(svc.deps)).chased).toBe(0);
      clock.set('2026-03-16T09:00:00Z'); // 14 days
      const runs = await Promise.all([sendRightsReminders(svc.deps), sendRightsReminders(svc.deps)]);
      expect(runs[0]!.chased + runs[1]!.chased).toBe(3);
      expect((await sendRightsReminders(svc.deps)).chased).toBe(0);
      clock.set('2026-03-17T09:00:00Z');
      expect((await sendRightsReminders(svc.deps)).chased).toBe(0);

      // The fee: to the assignee only, saying what to do next.
      const feeMails = (await mailsTo(svc.deps, 'agent@example.test')).filter((m) => m.subject.startsWith('Fee not paid since'));
      expect(feeMails).toHaveLength(1);
      expect(feeMails[0]!.subject).toBe('Fee not paid since Mon 2 Mar 2026: rights request R-1');
      expect(feeMails[0]!.text).toContain('fee/unpaid');
      expect(await subjects('officer@example.test', 'Fee not paid')).toHaveLength(0);
      // Identity and authority: nobody assigned, so the privacy officers.
      expect(await subjects('officer@example.test', 'Proof of identity not received since Mon 2 Mar 2026')).toHaveLength(1);
      expect(await subjects('officer@example.test', 'Evidence of authority not received since Mon 2 Mar 2026')).toHaveLength(1);
      const idMail = (await mailsTo(svc.deps, 'officer@example.test')).find((m) => m.subject.startsWith('Proof of identity'))!;
      expect(idMail.text).toContain('evidence/not-provided');
      expect(idMail.text).toContain('Nobody is assigned');
      expect(await subjects('agent@example.test', 'Proof of identity')).toHaveLength(0);
      expect(await subjects('officer@example.test', 'Proof of identity not received since Tue 10 Mar')).toHaveLength(0);

      expect((await view(feeId)).timeline.filter((e: { kind: string }) => e.kind === 'chase_fee')).toEqual([
        expect.objectContaining({ summary: 'Reminder about the unpaid fee sent to the assignee', data: expect.objectContaining({ askedOn: '2026-03-02' }) }),
      ]);
      expect((await view(identityId)).timeline.filter((e: { kind: string }) => e.kind === 'chase_identity')).toHaveLength(1);
      expect((await view(authorityId)).timeline.filter((e: { kind: string }) => e.kind === 'chase_authority')).toHaveLength(1);
      expect((await readAudit(svc.deps.store.db, { action: 'rights.chase_fee' })).filter((a) => a.subjectId === feeId)).toHaveLength(1);
      expect((await readAudit(svc.deps.store.db, { action: 'rights.chase_identity' })).filter((a) => a.subjectId === identityId)).toHaveLength(1);

      // Asked Tue 10 Mar: chased 14 days later, on Tue 24 Mar.
      clock.set('2026-03-24T09:00:00Z');
      expect((await sendRightsReminders(svc.deps)).chased).toBe(1);
      expect(await subjects('officer@example.test', 'Proof of identity not received since Tue 10 Mar 2026')).toHaveLength(1);
    });

    it.runIf(available)('closes a request whose proof of identity or authority never came, and refuses it in other statuses', async () => {
      expect((await api('POST', `/api/rights/requests/${identityId}/evidence/not-provided`, auditor, {})).statusCode).toBe(403);
      // Closing without acting is a refusal in effect: an agent may not, a privacy officer may.
      expect((await api('POST', `/api/rights/requests/${identityId}/evidence/not-provided`, agent(), {})).statusCode).toBe(403);
      const working = await api('POST', `/api/rights/requests/${workingId}/evidence/not-provided`, officerH, { note: 'Trying it on a request in progress.' });
      expect(working.statusCode).toBe(409);
      expect(working.json().error.message).toContain('while the request is in progress');
      const fee = await api('POST', `/api/rights/requests/${feeId}/evidence/not-provided`, officerH, {});
      expect(fee.statusCode).toBe(409);

      const res = await api('POST', `/api/rights/requests/${identityId}/evidence/not-provided`, officerH, { note: 'Chased by phone on 17 Mar <b>no answer</b>.' });
      expect(res.statusCode, res.body).toBe(200);
      const v = await view(identityId);
      expect(v.status).toBe('refused');
      expect(v.timeline.at(-1)).toMatchObject({ kind: 'close_evidence_missing', text: 'Chased by phone on 17 Mar <b>no answer</b>.', data: expect.objectContaining({ reason: 'identity_not_provided', askedOn: '2026-03-02' }) });
      const told = (await mailsTo(svc.deps, 'id-person@example.test')).at(-1)!;
      expect(told.subject).toBe(`Your request is closed (${v.ref})`);
      expect(told.text).toContain('On Mon 2 Mar 2026 we asked for proof of your identity');
      expect(told.text).toContain('make the request again');
      expect(told.text).toContain("Information Commissioner's Office");
      expect((await readAudit(svc.deps.store.db, { action: 'rights.close_evidence_missing' })).some((a) => a.subjectId === identityId)).toBe(true);
      // Closed: a second close is refused, and it is no longer chased.
      expect((await api('POST', `/api/rights/requests/${identityId}/evidence/not-provided`, officerH, {})).statusCode).toBe(409);

      const auth = await api('POST', `/api/rights/requests/${authorityId}/evidence/not-provided`, officerH, {});
      expect(auth.statusCode, auth.body).toBe(200);
      expect((await view(authorityId)).timeline.at(-1).data).toMatchObject({ reason: 'authority_not_provided' });
      expect((await mailsTo(svc.deps, 'solicitor@example.test')).at(-1)!.text).toContain('evidence that you may act for the person the request is about');
      expect(await verifyAudit(svc.deps.store.db)).toMatchObject({ ok: true });
    });
  });
}
