import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, type Principal } from '../auth/principal.js';

/** A signed-in owner with MFA satisfied, for tests of a capability's routes apart from sign-in. */
export const TEST_OWNER: Principal = { kind: 'user', userId: 'u-owner', email: 'owner@example.test', role: 'owner', mfaVerified: true, sessionId: 's-owner' };

/** Everyone is the owner, except requests that send the header x-test-anonymous. */
export const ownerAuthenticate = async (req: FastifyRequest): Promise<Principal> => (req.headers['x-test-anonymous'] ? ANONYMOUS : TEST_OWNER);
