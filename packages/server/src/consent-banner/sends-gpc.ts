import type { FastifyRequest } from 'fastify';

/**
 * Whether the request carries Global Privacy Control: the header `Sec-GPC: 1` (GPC specification; UK-RULES section 8).
 * Pages whose content depends on it must send `Vary: Sec-GPC`.
 */
export const sendsGpc = (request: FastifyRequest): boolean => request.headers['sec-gpc'] === '1';
