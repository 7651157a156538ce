import { existsSync, readFileSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/read-audit.js';
import { TestSmtp } from '../test-support/test-smtp.js';
import { ownerAuthenticate } from '../test-support/owner-authenticate.js';
import { waitFor } from '../test-support/wait-for.js';
import { startTestService, type StoreKind, type TestService } from '../test-support/test-service.js';
import { hasPostgres } from '../test-support/test-stores.js';
import { mailSendJob } from './mail-send-job.js';
import { messageTemplate } from './mail-templates.js';
import { queueMail } from './queue-mail.js';
import { readMail } from './read-mail.js';

const authenticate = ownerAuthenticate;


/** The decoded body of the part with this content type in an RFC 822 message (quoted-printable or 7bit). */
function part(eml: string, type: string): string {
  const at = eml.search(new RegExp(`^Content-Type: ${type.replace('/', '\\/')}`, 'im'));
  expect(at, `a ${type} part`).toBeGreaterThan(-1);
  const rest = eml.slice(at);
  const bodyStart = rest.search(/\r?\n\r?\n/);
  // Up to the next MIME boundary ("--" and no space: the "-- " sign-off line is not one).
  const body = rest.slice(bodyStart).split(/\r?\n--(?! )/)[0]!;
  const qp = /Content-Transfer-Encoding: quoted-printable/i.test(rest.slice(0, bodyStart));
  if (!qp) return body.trim();
  return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8').trim();
}

const vars = {
  subject: 'Your request <ref-1>',
  greeting: 'Hello <b>Ann</b> & co',
  paragraphs: ['<script>alert(1)</script>', 'Second "paragraph"'],
  link: { url: 'https://example.test/r?a=1&b=2', label: 'Open <it>' },
};

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  describe(`mail on ${kind}`, async () => {
    const available = kind === 'pglite' || (await hasPostgres());
    let svc: TestService;
    beforeAll(async () => {
      if (available) svc = await startTestService(kind, {}, { authenticate });
    });
    afterAll(async () => {
      await svc?.dispose();
    });

    it.runIf(available)('writes a readable .eml to the outbox, with the right headers and escaped HTML, and audits it', async () => {
      const { db } = svc.deps.store;
      const { id, jobId } = await db.transaction().execute((trx) => queueMail(trx, svc.deps, { to: 'person@example.test', template: messageTemplate, vars, organisationName: 'Acme <Ltd>' }));
      const sent = await waitFor('the message to be sent', async () => {
        const m = await readMail(db, svc.deps.cipher, id);
        return m?.status === 'sent' && m;
      });
      expect(sent).toMatchObject({ to: 'person@example.test', subject: 'Your request <ref-1>', template: 'message', attempts: 1, lastError: null, jobId });
      expect(sent.outboxPath).toBe(`${svc.deps.config.dataDir}/outbox/${id}.eml`);
      expect(existsSync(sent.outboxPath!)).toBe(true);

      const eml = readFileSync(sent.outboxPath!, 'utf8');
      expect(eml).toMatch(/^From: Pledge <privacy@localhost>\r$/m);
      expect(eml).toMatch(/^To: person@example\.test\r$/m);
      expect(eml).toMatch(/^Subject: Your request <ref-1>\r$/m);
      expect(eml).toMatch(new RegExp(`^Message-ID: <${id}@127\\.0\\.0\\.1>\\r$`, 'm'));
      expect(eml).toMatch(/^Date: /m);
      expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
      const html = part(eml, 'text/html');
      expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
      expect(html).toContain('<p>Hello &lt;b&gt;Ann&lt;/b&gt; &amp; co</p>');
      expect(html).toContain('Second &quot;paragraph&quot;');
      expect(html).toContain('<a href="https://example.test/r?a=1&amp;b=2">Open &lt;it&gt;</a>');
      expect(html).toContain('<strong>Acme &lt;Ltd&gt;</strong>');
      expect(html).not.toContain('<script>');
      const text = part(eml, 'text/plain');
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('Open <it>: https://example.test/r?a=1&b=2');
      expect(text).toMatch(/-- \r?\nAcme <Ltd>$/);

      // The body is not kept once sent; the audit trail names the message but holds neither address nor body.
      const row = await db.selectFrom('mail_messages').select(['text_body', 'html_body', 'to_address', 'subject']).where('id', '=', id).executeTakeFirstOrThrow();
      expect({ text_body: row.text_body, html_body: row.html_body }).toEqual({ text_body: null, html_body: null });
      // The address and subject are kept (the API lists them) but encrypted at rest.
      expect(row.to_address).toMatch(/^v1:/);
      expect(row.to_address).not.toContain('person@example');
      expect(svc.deps.cipher.decrypt(row.to_address, 'mail_messages.to_address')).toBe('person@example.test');
      expect(row.subject).toMatch(/^v1:/);
      const audit = await readAudit(db, { subject: { type: 'mail', id }, limit: 10 });
      expect(audit.map((e) => e.action)).toEqual(['mail.queued', 'mail.sent']);
      expect(JSON.stringify(audit)).not.toMatch(/person@example|script|Ann/);
    });

    it.runIf(available)('sends a message once even when its job runs again', async () => {
      const { db } = svc.deps.store;
      const { id } = await db.transaction().execute((trx) => queueMail(trx, svc.deps, { to: 'again@example.test', template: messageTemplate, vars }));
      const first = await waitFor('sent', async () => {
        const m = await readMail(db, svc.deps.cipher, id);
        return m?.status === 'sent' && m;
      });
      const mtime = statSync(first.outboxPath!).mtimeMs;
      const rerun = (await svc.deps.jobs.enqueue(mailSendJob, { mailId: id }))!;
      await waitFor('the second run', async () => (await svc.deps.jobs.getJob(rerun))?.state === 'completed');
      expect(statSync(first.outboxPath!).mtimeMs).toBe(mtime);
      expect(await readMail(db, svc.deps.cipher, id)).toEqual(first);
      const audit = await readAudit(db, { subject: { type: 'mail', id }, action: 'mail.sent', limit: 10 });
      expect(audit).toHaveLength(1);
    });

    it.runIf(available)('queues nothing when the transaction rolls back, and refuses bad input clearly', async () => {
      const { db } = svc.deps.store;
      const before = await db.selectFrom('mail_messages').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const jobsBefore = (await svc.deps.jobs.listJobs({ name: 'mail.send', limit: 1000 })).length;
      await expect(
        db.transaction().execute(async (trx) => {
          await queueMail(trx, svc.deps, { to: 'rollback@example.test', template: messageTemplate, vars });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const after = await db.selectFrom('mail_messages').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect((await svc.deps.jobs.listJobs({ name: 'mail.send', limit: 1000 })).length).toBe(jobsBefore);

      await expect(db.transaction().execute((trx) => queueMail(trx, svc.deps, { to: 'not an address', template: messageTemplate, vars }))).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(
        db.transaction().execute((trx) => queueMail(trx, svc.deps, { to: 'a@example.test', template: messageTemplate, vars: { ...vars, paragraphs: [] } })),
      ).rejects.toThrow(/variables for mail template message are not valid: paragraphs/);
      await expect(
        db.transaction().execute((trx) =>
          queueMail(trx, svc.deps, { to: 'a@example.test', template: messageTemplate, vars: { ...vars, link: { url: 'javascript:alert(1)', label: 'x' } } }),
        ),
      ).rejects.toThrow(/link\.url/);
    });

    it.runIf(available)('lists mail newest first, in pages, through the API', async () => {
      const { db } = svc.deps.store;
      const a = await db.transaction().execute((trx) => queueMail(trx, svc.deps, { to: 'page-a@example.test', template: messageTemplate, vars }));
      await new Promise((r) => setTimeout(r, 5));
      const b = await db.transaction().execute((trx) => queueMail(trx, svc.deps, { to: 'page-b@example.test', template: messageTemplate, vars }));
      const page1 = await svc.app!.inject({ method: 'GET', url: '/api/mail?limit=1' });
      expect(page1.statusCode).toBe(200);
      expect(page1.json()).toMatchObject({ messages: [{ id: b.id, to: 'page-b@example.test' }], next: 1 });
      const page2 = await svc.app!.inject({ method: 'GET', url: '/api/mail?limit=1&offset=1' });
      expect(page2.json().messages[0].id).toBe(a.id);
      const one = await svc.app!.inject({ method: 'GET', url: `/api/mail/${a.id}` });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ id: a.id, to: 'page-a@example.test', subject: 'Your request <ref-1>', template: 'message', jobId: a.jobId });
      expect(one.json()).not.toHaveProperty('text_body');
      expect((await svc.app!.inject({ method: 'GET', url: '/api/mail/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
      expect((await svc.app!.inject({ method: 'GET', url: '/api/mail', headers: { 'x-test-anonymous': '1' } })).statusCode).toBe(401);
      expect((await svc.app!.inject({ method: 'GET', url: '/api/mail?status=lost' })).statusCode).toBe(400);
    });

    describe('over SMTP', () => {
      const smtp = new TestSmtp();
      let smtpSvc: TestService;
      beforeAll(async () => {
        if (!available) return;
        await smtp.start();
        smtpSvc = await startTestService(kind, { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'Acme Privacy <privacy@acme.test>' }, { authenticate });
        // Short, even retries so the outage below is seconds long (production: from 30 s, doubling).
        await smtpSvc.deps.jobs.register({ ...mailSendJob, retry: { limit: 30, delaySeconds: 1, backoff: false } });
      });
      afterAll(async () => {
        await smtpSvc?.dispose();
        await smtp.stop();
      });

      it.runIf(available)('delivers to a real SMTP server; during an outage it retries, and delivers exactly once when the server is back', async () => {
        const { db } = smtpSvc.deps.store;
        const first = await db.transaction().execute((trx) => queueMail(trx, smtpSvc.deps, { to: 'smtp-person@example.test', template: messageTemplate, vars }));
        await waitFor('delivery', async () => smtp.withMailId(first.id).length === 1);
        const delivered = smtp.withMailId(first.id)[0]!;
        expect(delivered).toMatch(/^Subject: Your request <ref-1>\r$/m);
        expect(delivered).toMatch(/^To: smtp-person@example\.test\r$/m);
        expect(delivered).toMatch(/^From: Acme Privacy <privacy@acme\.test>\r$/m);
        expect(part(delivered, 'text/html')).toContain('<strong>Acme Privacy</strong>');
        const sent = await waitFor('sent status', async () => {
          const m = await readMail(db, svc.deps.cipher, first.id);
          return m?.status === 'sent' && m;
        });
        expect(sent).toMatchObject({ outboxPath: null, attempts: 1 });

        await smtp.stop();
        const second = await db.transaction().execute((trx) => queueMail(trx, smtpSvc.deps, { to: 'outage@example.test', template: messageTemplate, vars }));
        const retrying = await waitFor('failed attempts', async () => {
          const m = await readMail(db, svc.deps.cipher, second.id);
          return m && m.attempts >= 2 && m;
        });
        expect(retrying.status).toBe('queued');
        expect(retrying.lastError).toMatch(/ECONNREFUSED|connect/i);
        const job = (await smtpSvc.deps.jobs.getJob(second.jobId))!;
        expect(['retry', 'active', 'created']).toContain(job.state);
        expect(job.attempts).toBeGreaterThanOrEqual(2);
        expect(job.error ?? retrying.lastError).toBeTruthy();

        await smtp.start();
        const done = await waitFor('delivery after the outage', async () => {
          const m = await readMail(db, svc.deps.cipher, second.id);
          return m?.status === 'sent' && m;
        });
        expect(done.lastError).toBeNull();
        expect(done.attempts).toBeGreaterThanOrEqual(3);
        // Give any duplicate time to arrive: there must be none.
        await new Promise((r) => setTimeout(r, 1500));
        expect(smtp.withMailId(second.id)).toHaveLength(1);
        expect(smtp.withMailId(first.id)).toHaveLength(1);
        expect((await smtpSvc.deps.jobs.getJob(second.jobId))?.state).toBe('completed');
        const n = await sql<{ n: string }>`select count(*) as n from audit_log where subject_id = ${second.id} and action = 'mail.sent'`.execute(db);
        expect(Number(n.rows[0]!.n)).toBe(1);
      }, 60_000);
    });
  });
}
