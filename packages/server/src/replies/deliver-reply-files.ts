import type { Declaration } from '@pledge/core';
import type { Transaction } from 'kysely';
import type { Actor } from '../audit/audit-entry.js';
import { organisationName } from '../rights/rights-context.js';
import type { ServiceDeps } from '../service-deps.js';
import type { Database } from '../store/database.js';
import { sendReply } from './reply-links.js';

/**
 * The replies capability's part in completing a request (rights/decision-actions.ts completeRequest): the files
 * attached to the completion (usually the access package) are sent to the person by expiring links, in the
 * completion's transaction, so the request is never completed without its reply going out (or the reverse).
 */
export async function deliverReplyFiles(
  trx: Transaction<Database>,
  deps: Pick<ServiceDeps, 'clock' | 'config' | 'jobs' | 'cipher'>,
  input: { requestId: string; fileIds: readonly string[]; actor: Actor; declaration: Declaration | undefined },
): Promise<{ mailId: string; linkIds: string[] } | undefined> {
  if (!input.fileIds.length) return undefined;
  const { links, mailId } = await sendReply(trx, deps, { requestId: input.requestId, fileIds: input.fileIds, actor: input.actor, organisationName: organisationName(deps, input.declaration) });
  return { mailId, linkIds: links.map((l) => l.id) };
}
