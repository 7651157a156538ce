import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service-deps.js';
import { consentRoutes as apiRoutes } from './consent-routes.js';
import { publicReceiptRoutes } from './public-receipt-routes.js';
import { unsubscribeRoutes } from './unsubscribe-routes.js';

export { recordReceipts, type ReceiptInput, type RecordResult, type PersonRef } from './record-receipts.js';
export { consentState, personHistory, periodHistory, type ConsentState, type PersonQuery, type ReceiptView } from './read-consent.js';
export { linkDevice } from './link-device.js';
export { unsubscribeHeaders, sealUnsubscribeToken, openUnsubscribeToken, type UnsubscribeHeaders } from './unsubscribe-token.js';
export { RECEIPT_METHODS, type ReceiptMethod } from './consent-tables.js';

/** The consent capability's routes: staff/system API, the banner's public endpoint, unsubscribe and the preference centre. */
export async function consentRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await apiRoutes(app, deps);
  await publicReceiptRoutes(app, deps);
  await unsubscribeRoutes(app, deps);
}
