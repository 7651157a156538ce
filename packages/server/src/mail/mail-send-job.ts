import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { sendQueuedMail } from './send-queued-mail.js';

/**
 * Sends a queued message. Retries with exponential backoff from 30 s (30-60 s, then 1-2 min, 2-4 min, ...): twelve
 * retries ride out an SMTP outage of roughly three days before the message is marked failed.
 */
export const mailSendJob = defineJob({
  name: 'mail.send',
  version: 1,
  payload: z.object({ mailId: z.uuid() }),
  retry: { limit: 12, delaySeconds: 30, backoff: true },
  timeoutSeconds: 120,
  handler: sendQueuedMail,
});
