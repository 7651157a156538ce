import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../auth/permissions.js';
import type { ServiceDeps } from '../service-deps.js';
import { Email, IdParams, UserSchema } from './accounts-schemas.js';
import { contextOf } from './context-of.js';
import { createUser } from './create-user.js';
import { listUsers } from './list-users.js';
import { actorFor } from './request-context.js';
import { updateUser } from './update-user.js';

/** Staff users: list, invite (with a one-time setup link), change role or status. */
export async function userRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/api/users', { config: { access: 'users:read' }, schema: { tags, summary: 'List staff users', response: { 200: z.object({ users: z.array(UserSchema) }) } } }, async () => ({
    users: await listUsers(deps),
  }));

  r.post(
    '/api/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: 'Invite a staff user: returns a one-time setup link (valid 24 hours) for them to choose a password',
        body: z.object({ email: Email, name: z.string().min(1).max(200), role: z.enum(ROLES) }),
        response: { 201: z.object({ user: UserSchema, setupToken: z.string(), setupUrl: z.string(), setupExpiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const actor = actorFor(p.kind === 'api_key' ? 'api_key' : 'user', p.kind === 'api_key' ? p.keyId : p.kind === 'user' ? p.userId : null, contextOf(req));
      const created = await createUser(deps, req.body, actor);
      return reply.status(201).send({ user: created.user, setupToken: created.setup!.token, setupUrl: created.setup!.url, setupExpiresAt: created.setup!.expiresAt });
    },
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: 'Change a user\'s role or name, disable or enable them, or lift a lock',
        params: IdParams,
        body: z.object({ role: z.enum(ROLES).optional(), name: z.string().min(1).max(200).optional(), disabled: z.boolean().optional(), unlock: z.boolean().optional() }).strict(),
        response: { 200: z.object({ user: UserSchema }) },
      },
    },
    async (req) => ({ user: await updateUser(deps, req.principal, req.params.id, req.body, contextOf(req)) }),
  );
}
