import { z } from 'zod';
import { appendAudit } from '../audit/append-audit.js';
import { defineJob } from '../jobs/define-job.js';
import type { ServiceDeps } from '../service-deps.js';
import './reply-tables.js';

/**
 * Deletes the content (and data key) of every reply file whose links have expired: the copy made for the reply is
 * no longer needed once the person could download it (storage limitation, UK GDPR Art 5(1)(e)). The row stays, with
 * its size and hash, as evidence of what was sent. One audit entry per request. Safe to run again.
 */
export async function purgeExpiredReplyFiles(deps: Pick<ServiceDeps, 'clock' | 'store'>): Promise<number> {
  const now = deps.clock.now();
  return deps.store.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('reply_files')
      .set({ content: null, data_key: null, purged_at: now })
      .where('expires_at', '<=', now)
      .where('purged_at', 'is', null)
      .returning(['id', 'request_id'])
      .execute();
    const byRequest = new Map<string, string[]>();
    for (const r of rows) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), r.id]);
    for (const [requestId, fileIds] of byRequest) {
      await appendAudit(trx, deps.clock, { actor: { type: 'system', id: 'replies.purge' }, action: 'reply.files_purged', subject: { type: 'rights_request', id: requestId }, details: { fileIds } });
    }
    return rows.length;
  });
}

/** Every hour at 17 minutes past: delete expired reply files. */
export const replyPurgeJob = defineJob({
  name: 'replies.purge',
  version: 1,
  payload: z.object({}),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  policy: 'singleton',
  schedule: { cron: '17 * * * *', payload: {} },
  handler: async (_payload, ctx) => ({ purged: await purgeExpiredReplyFiles(ctx.deps) }),
});
