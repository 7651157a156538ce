import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bankHolidaysByRule } from '@pledge/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { loadConfig } from '../config/load-config.js';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { createRequest } from './create-request.js';
import { codeIn, headerAuthenticate, JUPITER_YAML, mailsTo, TestClock } from './rights-test-helpers.js';
import { verifyCode } from './verify-request.js';

const BY_RULE_2029 = 'England and Wales bank holidays for 2029 are computed by rule (provisional: a one-off holiday proclaimed later is not known)';
const dir = mkdtempSync(join(tmpdir(), 'pledge-holidays-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A GOV.UK bank-holidays.json: England and Wales 2029 as the rule has it, plus a one-off on Tue 2 Jan 2029. */
function oneOffFile(): string {
  const events = [...bankHolidaysByRule('england-and-wales', 2029), { date: '2029-01-02', name: 'Extra bank holiday' }].map((h) => ({ title: h.name, date: h.date, notes: '', bunting: true }));
  const path = join(dir, 'bank-holidays.json');
  writeFileSync(path, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events } }));
  return path;
}

describe('the bank-holidays file setting (PLEDGE_HOLIDAYS_FILE)', () => {
  it('a file that cannot be used is a configuration error naming the file, the place in it and the fix: the service does not start', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'New Year’s Day', date: '2029-01-32' }] } }));
    expect(() => loadConfig({ flags: { holidaysFile: bad } })).toThrow(
      `Invalid configuration. PLEDGE_HOLIDAYS_FILE / --holidays-file: ${bad}, at england-and-wales.events[0].date: 2029-01-32 is not a date: January 2029 has 31 days. Download the file again from https://www.gov.uk/bank-holidays.json, or correct that entry.`,
    );
    expect(() => loadConfig({ env: { PLEDGE_HOLIDAYS_FILE: join(dir, 'missing.json') } })).toThrow(/PLEDGE_HOLIDAYS_FILE \/ --holidays-file: cannot read .*missing\.json \(no such file\)\. Give the path of a file downloaded from/);
    await expect(startTestService('pglite', { holidaysFile: bad })).rejects.toThrow(/at england-and-wales\.events\[0\]\.date/);
    expect(loadConfig({ flags: { holidaysFile: oneOffFile() } }).holidaysFile).toContain('bank-holidays.json');
  });
});

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`the statutory clock's calendar and settings on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    const clock = new TestClock(Date.parse('2028-11-30T10:00:00Z'));
    let agentId = '';
    let n = 0;
    const agent = () => ({ 'x-test-role': 'agent', 'x-test-user': agentId });
    const officer = { 'x-test-role': 'privacy_officer', 'x-test-user': 'u-officer' };
    const api = (s: TestService, method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => s.app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });

    async function confirmed(s: TestService, email: string): Promise<string> {
      const actor = { type: 'public' as const, ip: `10.91.0.${++n}` };
      const { requestId, verificationId } = await createRequest(s.deps, { type: 'access', email }, actor);
      await verifyCode(s.deps, verificationId, codeIn((await mailsTo(s.deps, email)).filter((m) => m.template === 'rights.code').at(-1)!), actor);
      return requestId;
    }

    beforeAll(async () => {
      if (!available) return;
      svc = await startTestService(kind, {}, { authenticate: headerAuthenticate, clock });
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
      agentId = (await createUser(svc.deps, { email: 'cal-agent@example.test', name: 'Cal Agent', role: 'agent', password: 'correct horse battery staple 2026' }, { type: 'system' })).user.id;
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('a request received 30 Nov 2028 is confirmed and extended with due dates in 2029, the holidays computed by rule and said to be provisional', async () => {
      clock.set('2028-11-30T10:00:00Z');
      const id = await confirmed(svc, 'late-2028@example.test');
      // Sat 30 Dec 2028, Sun 31 Dec, Mon 1 Jan 2029 (New Year's Day, by rule) -> Tue 2 Jan 2029.
      const view = await api(svc, 'GET', `/api/rights/requests/${id}`, officer);
      expect(view.statusCode, view.body).toBe(200);
      expect(view.json()).toMatchObject({ status: 'received', dueDate: '2029-01-02' });
      expect(view.json().clock.steps).toContain('Sat 30 Dec 2028 is a Saturday; Sun 31 Dec 2028 is a Sunday; Mon 1 Jan 2029 is a bank holiday: New Year\'s Day -> next working day Tue 2 Jan 2029');
      expect(view.json().clock.steps.some((s: string) => s.startsWith(BY_RULE_2029))).toBe(true);
      expect(view.json().clock.holidayYearsByRule).toEqual([2029]);
      expect((await mailsTo(svc.deps, 'late-2028@example.test')).at(-1)!.text).toContain('Tue 2 Jan 2029');

      clock.set('2028-12-12T10:00:00Z');
      const ext = await api(svc, 'POST', `/api/rights/requests/${id}/extend`, agent(), { reason: 'Records in many systems over several years' });
      expect(ext.statusCode, ext.body).toBe(200);
      // Three months from 30 Nov 2028: no 30 Feb 2029 -> Wed 28 Feb 2029.
      expect(ext.json()).toMatchObject({ dueDate: '2029-02-28' });

      const record = await api(svc, 'GET', `/api/rights/requests/${id}/record`, officer);
      expect(record.statusCode).toBe(200);
      expect(record.body).toContain(BY_RULE_2029);
      expect(record.body).toContain('Settings: one calendar month (the ICO&#39;s method); clarification: the clock resumes the day after the answer; England and Wales bank holidays.');
      const queue = await api(svc, 'GET', '/api/rights/requests?status=all', officer);
      expect(queue.statusCode).toBe(200);
      expect(queue.json().items.find((i: { id: string }) => i.id === id)).toMatchObject({ dueDate: '2029-02-28' });
    });

    it.runIf(available)('a request keeps the clock settings its due date was computed with; the record explains the stored date after the operator changed them', async () => {
      const config = svc.deps.config;
      try {
        // Received Mon 2 Mar 2026 under the fixed 28-day method: Mon 30 Mar 2026 (a calendar month would give Thu 2 Apr).
        config.rightsPeriod = 'fixed_28_days';
        clock.set('2026-03-02T10:00:00Z');
        const id = await confirmed(svc, 'settings-kept@example.test');
        const row = await svc.deps.store.db.selectFrom('rights_requests').select(['clock', 'due_date']).where('id', '=', id).executeTakeFirstOrThrow();
        expect(row.due_date).toBe('2026-03-30');
        expect((row.clock as { settings: unknown }).settings).toEqual({ region: 'england-and-wales', method: 'fixed_28_days', pauseCounting: 'resume_day_after_answer' });

        // The operator switches to the calendar month (as a restart with PLEDGE_RIGHTS_PERIOD=calendar_month would).
        config.rightsPeriod = 'calendar_month';
        const view = (await api(svc, 'GET', `/api/rights/requests/${id}`, officer)).json();
        expect(view.dueDate).toBe('2026-03-30');
        expect(view.clock.steps).toContain('Fixed 28-day period: day 28 is Mon 30 Mar 2026');
        expect(view.clock.steps.some((s: string) => s.startsWith('Due Mon 30 Mar 2026'))).toBe(true);
        expect(view.clock.warnings).toEqual([]);
        expect(view.clock.settings).toEqual({ region: 'england-and-wales', method: 'fixed_28_days', pauseCounting: 'resume_day_after_answer', stored: true });
        const record = (await api(svc, 'GET', `/api/rights/requests/${id}/record`, officer)).body;
        expect(record).toContain('Settings: a fixed 28 days (also accepted by the ICO)');
        expect(record).not.toContain('Same date next month');

        // An action recomputes with the stored settings too: 84 days -> Mon 25 May 2026 (Spring bank holiday) -> Tue 26 May.
        clock.set('2026-03-10T10:00:00Z');
        const ext = await api(svc, 'POST', `/api/rights/requests/${id}/extend`, agent(), { reason: 'Records in many systems over several years' });
        expect(ext.json(), ext.body).toMatchObject({ dueDate: '2026-05-26' });

        // A row stored before the settings were kept falls back to the current ones, says so, and warns of the difference.
        await sql`update rights_requests set clock = clock - 'settings' where id = ${id}`.execute(svc.deps.store.db);
        const old = (await api(svc, 'GET', `/api/rights/requests/${id}`, officer)).json();
        expect(old.dueDate).toBe('2026-05-26');
        expect(old.clock.settings).toMatchObject({ method: 'calendar_month', stored: false });
        expect(old.clock.steps.some((s: string) => s.startsWith('Due Tue 2 Jun 2026'))).toBe(true);
        expect(old.clock.warnings).toContain(
          'Recomputed now, the request is due Tue 2 Jun 2026, but its stored due date is Tue 26 May 2026: the bank-holiday data changed since it was stored (e.g. the published list was loaded). The stored date stands in the queue and reminders until the next action on the request stores the new one.',
        );
        expect((await api(svc, 'GET', `/api/rights/requests/${id}/record`, officer)).body).toContain('(the current settings: this request was stored before the settings were kept with it)');
      } finally {
        config.rightsPeriod = 'calendar_month';
      }
    });

    it.runIf(available)('a read never fails because of the clock: a clock that cannot be computed is shown as such', async () => {
      clock.set('2026-04-01T10:00:00Z');
      const id = await confirmed(svc, 'damaged-clock@example.test');
      await sql`update rights_requests set clock = jsonb_set(clock, '{receivedOn}', '"2026-02-30"') where id = ${id}`.execute(svc.deps.store.db);
      const view = await api(svc, 'GET', `/api/rights/requests/${id}`, officer);
      expect(view.statusCode, view.body).toBe(200);
      expect(view.json().clock).toMatchObject({ status: 'unavailable', canExtend: { allowed: false } });
      expect(view.json().clock.steps[0]).toBe('The due date cannot be recomputed: 2026-02-30 is not a date: February 2026 has 28 days. The stored due date (Fri 1 May 2026) stands.');
      expect((await api(svc, 'GET', `/api/rights/requests/${id}/record`, officer)).statusCode).toBe(200);
    });

    it.runIf(available)('the published list loaded from PLEDGE_HOLIDAYS_FILE replaces the computed year: a one-off holiday on the due date moves it', async () => {
      const withFile = await startTestService(kind, { holidaysFile: oneOffFile() }, { authenticate: headerAuthenticate, clock });
      try {
        await publishDeclaration(withFile.deps, { files: { 'declaration.yaml': JUPITER_YAML }, entry: 'declaration.yaml', actor: { type: 'system' } });
        clock.set('2028-11-30T10:00:00Z');
        const id = await confirmed(withFile, 'one-off@example.test');
        const view = (await api(withFile, 'GET', `/api/rights/requests/${id}`, officer)).json();
        expect(view.dueDate).toBe('2029-01-03');
        expect(view.clock.steps).toContain(
          "Sat 30 Dec 2028 is a Saturday; Sun 31 Dec 2028 is a Sunday; Mon 1 Jan 2029 is a bank holiday: New Year's Day; Tue 2 Jan 2029 is a bank holiday: Extra bank holiday -> next working day Wed 3 Jan 2029",
        );
        expect(view.clock.steps.join('\n')).not.toContain('computed by rule');
      } finally {
        await withFile.dispose();
      }
    });
  });
}
