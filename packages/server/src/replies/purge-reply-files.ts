import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { recordEvent } from '../rights/apply-action.js';
import type { ServiceDeps } from '../service-deps.js';
import './reply-tables.js';

/**
 * Deletes the content (and data key) of every reply file whose links have expired: the copy made for the reply is
 * no longer needed once the person could download it (storage limitation, UK GDPR Art 5(1)(e)). The row stays, with
 * its size and hash, as evidence of what was sent. One timeline (and audit) entry per request. Safe to run again.
 */
export async function purgeExpiredReplyFiles(deps: Pick<ServiceDeps, 'clock' | 'store' | 'cipher'>): Promise<number> {
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
      await recordEvent(trx, deps, {
        requestId,
        actor: { type: 'system', id: 'replies.purge' },
        kind: 'reply.files_purged',
        summary: `${fileIds.length} reply file${fileIds.length === 1 ? '' : 's'} deleted after the download link expired`,
        data: { fileIds },
      });
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
