import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeclaration } from '../declarations/publish-declaration.js';
import { csrfOf, FormBrowser } from '../staff-pages/form-browser.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { getRequest } from './read-requests.js';
import { codeIn, confirmedRequest, JUPITER_YAML, mailsTo, submitRequest, TestClock } from './rights-test-helpers.js';
import { answerClarification, askClarification } from './work-actions.js';

const staff = { type: 'user' as const, id: 'u-staff' };

/** Jupiter's declaration promising 30 days instead of the statutory month. */
const PROMISE_YAML = JUPITER_YAML.replace('  response_period: 1 month\n', '  response_period: 30 days\n');

/**
 * The settings and the declaration that change due dates (UK-RULES.md section 1): the ICO's fixed 28-day period, the
 * reading of a clarification pause that counts both the asking and answering days, and a shorter period the privacy
 * notice promises, which binds. One request received Mon 2 Mar 2026 each time (one month: Thu 2 Apr 2026).
 */
for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`rights clock settings on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    const services: TestService[] = [];
    /** A service with these settings (and this declaration), its clock at Mon 2 Mar 2026. */
    async function service(overrides: Record<string, unknown>, yaml = JUPITER_YAML) {
      const clock = new TestClock(Date.parse('2026-03-02T10:00:00Z'));
      const svc = await startTestService(kind, overrides, { clock });
      services.push(svc);
      await publishDeclaration(svc.deps, { files: { 'declaration.yaml': yaml }, entry: 'declaration.yaml', actor: { type: 'system' } });
      return { svc, clock };
    }
    /** A request received on Mon 2 Mar, asked a clarification on Tue 10 Mar, answered on Tue 17 Mar: its due dates before and after. */
    async function pausedRequest(svc: TestService, clock: TestClock) {
      const id = await confirmedRequest(svc.deps, { type: 'access', email: 'clock@example.test' });
      const received = await getRequest(svc.deps, id);
      clock.set('2026-03-10T11:00:00Z');
      await askClarification(svc.deps, id, staff, 'Which of your two accounts?');
      clock.set('2026-03-17T11:00:00Z');
      await answerClarification(svc.deps, id, staff, 'The school one.');
      return { received, answered: await getRequest(svc.deps, id) };
    }

    afterAll(async () => {
      for (const s of services) await s.dispose();
    });

    it.runIf(available)('by default: one calendar month, and a pause of 10-17 Mar counts 7 days (the clock resumes the day after the answer)', async () => {
      const { svc, clock } = await service({});
      const { received, answered } = await pausedRequest(svc, clock);
      expect(received).toMatchObject({ receivedOn: '2026-03-02', dueDate: '2026-04-02', dueApplied: 'statutory' });
      expect(answered).toMatchObject({ dueDate: '2026-04-09', pausedDays: 7 });
    });

    it.runIf(available)('PLEDGE_RIGHTS_PERIOD=fixed_28_days: due 28 days after receipt, Mon 30 Mar, not Thu 2 Apr', async () => {
      const { svc, clock } = await service({ rightsPeriod: 'fixed_28_days' });
      const { received, answered } = await pausedRequest(svc, clock);
      expect(received).toMatchObject({ receivedOn: '2026-03-02', dueDate: '2026-03-30', dueApplied: 'statutory' });
      expect(received.clock.steps.join('\n')).toMatch(/28/);
      // The same 7 paused days: Mon 30 Mar + 7 = Mon 6 Apr, Easter Monday (a bank holiday in England and Wales) -> Tue 7 Apr.
      expect(answered).toMatchObject({ dueDate: '2026-04-07', pausedDays: 7 });
    });

    it.runIf(available)('PLEDGE_RIGHTS_PAUSE_COUNTING=both_days_paused: the asking and answering days both stop the clock, 8 days, due a day later', async () => {
      const { svc, clock } = await service({ rightsPauseCounting: 'both_days_paused' });
      const { received, answered } = await pausedRequest(svc, clock);
      expect(received).toMatchObject({ dueDate: '2026-04-02' });
      expect(answered).toMatchObject({ dueDate: '2026-04-10', pausedDays: 8 });
    });

    it.runIf(available)('a declaration promising 30 days: due Wed 1 Apr (the promise, shorter than the month), and the person is told it is what the notice promises', async () => {
      const { svc } = await service({}, PROMISE_YAML);
      expect(PROMISE_YAML).toContain('response_period: 30 days');
      const browser = new FormBrowser(svc.app!, '10.9.0.1');
      const email = 'promise@example.test';
      const sent = await submitRequest(browser, 'access', { email });
      expect(sent.statusCode, sent.body).toBe(303);
      const verify = sent.headers.location as string;
      const page = await browser.get(verify);
      const done = await browser.post(verify, { _csrf: csrfOf(page.body), code: codeIn((await mailsTo(svc.deps, email)).at(-1)!) });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.body).toContain('We will reply by <strong>Wed 1 Apr 2026</strong> at the latest, as our privacy notice promises');
      const row = await svc.deps.store.db.selectFrom('rights_requests').select(['id']).where('status', '=', 'received').executeTakeFirstOrThrow();
      const view = await getRequest(svc.deps, row.id);
      expect(view).toMatchObject({ dueDate: '2026-04-01', dueApplied: 'promise' });
      expect(view.clock).toMatchObject({ statutoryDueDate: '2026-04-02', promiseDueDate: '2026-04-01' });

      // Without the promise (the default service above), the same page says nothing about a promise.
      const plain = services[0]!;
      const b2 = new FormBrowser(plain.app!, '10.9.0.2');
      const sent2 = await submitRequest(b2, 'access', { email: 'plain@example.test' });
      const page2 = await b2.get(sent2.headers.location as string);
      const done2 = await b2.post(sent2.headers.location as string, { _csrf: csrfOf(page2.body), code: codeIn((await mailsTo(plain.deps, 'plain@example.test')).at(-1)!) });
      expect(done2.statusCode, done2.body).toBe(200);
      expect(done2.body).toContain('at the latest, and sooner if we can');
      expect(done2.body).not.toContain('promises');
    });
  });
}
