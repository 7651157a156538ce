import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PledgeError } from '../errors/pledge-error.js';
import type { ServiceDeps } from '../service-deps.js';
import { actorFromRequest } from './actor-from-request.js';
import type { DeclarationVersion } from './declaration-version.js';
import { exportRopa } from './export-ropa.js';
import { publishDeclaration } from './publish-declaration.js';
import { currentVersion, listVersions, versionByNumber } from './read-declaration-versions.js';

/** Largest file the loader accepts, and most files one declaration may have (as `pledge check`). */
const MAX_FILE_CHARS = 2_000_000;
const MAX_FILES = 100;

const FileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\/)[A-Za-z0-9._ \/-]+\.ya?ml$/, 'a relative .yaml or .yml path, e.g. "pledge.yaml" or "parts/recipients.yaml"');
const Note = z.string().max(2000).optional().describe('Why this version is published; kept with the version.');

const PublishBody = z.union([
  z.object({ yaml: z.string().min(1).max(MAX_FILE_CHARS).describe('The declaration, one YAML file.'), note: Note }).strict(),
  z
    .object({
      files: z
        .record(FileName, z.string().max(MAX_FILE_CHARS))
        .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= MAX_FILES, `send 1 to ${MAX_FILES} files`)
        .describe('A declaration folder: file name -> text.'),
      entry: FileName.describe('The file that includes the others.'),
      note: Note,
    })
    .strict(),
]);

const Finding = z.object({
  ruleId: z.string(),
  severity: z.string(),
  message: z.string(),
  at: z.string().nullable(),
  file: z.string().nullable(),
  line: z.number().nullable(),
  column: z.number().nullable(),
  path: z.string(),
  citation: z.string().nullable(),
});

const VersionMeta = z.object({
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.object({ type: z.string(), id: z.string().nullable() }),
  contentHash: z.string(),
  material: z.boolean(),
  summary: z.array(z.string()),
  note: z.string().nullable(),
});

const VersionParam = z.object({ version: z.union([z.literal('current'), z.string().regex(/^[1-9]\d{0,8}$/, 'a version number or "current"')]) });

async function findVersion(deps: ServiceDeps, param: string): Promise<DeclarationVersion> {
  const v = param === 'current' ? await currentVersion(deps.store.db) : await versionByNumber(deps.store.db, Number(param));
  if (!v) throw new PledgeError('not_found', param === 'current' ? 'No declaration has been published yet.' : `There is no version ${param}. GET /api/declarations lists them.`);
  return v;
}

const meta = (v: DeclarationVersion) => ({ version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy, contentHash: v.contentHash, material: v.material, summary: v.summary, note: v.note });

/** Staff API: publish a declaration, read its versions, download the record of processing. */
export async function declarationRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/declarations',
    {
      config: { access: 'declaration:publish' },
      schema: {
        tags: ['declarations'],
        summary: 'Publish a declaration as the next version (it must pass `pledge check` at error level)',
        body: PublishBody,
        response: { 201: VersionMeta.extend({ warnings: z.array(Finding) }) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const { files, entry } = 'yaml' in body ? { files: { 'declaration.yaml': body.yaml }, entry: 'declaration.yaml' } : body;
      const { version, warnings } = await publishDeclaration(deps, { files, entry, ...(body.note ? { note: body.note } : {}), actor: actorFromRequest(req) });
      return reply.status(201).send({ ...meta(version), warnings });
    },
  );
  r.get(
    '/api/declarations',
    {
      config: { access: 'declaration:read' },
      schema: { tags: ['declarations'], summary: 'List published versions, newest first, with their summaries', response: { 200: z.object({ current: z.number().nullable(), versions: z.array(VersionMeta) }) } },
    },
    async () => {
      const versions = await listVersions(deps.store.db);
      return { current: versions[0]?.version ?? null, versions };
    },
  );
  r.get(
    '/api/declarations/:version',
    {
      config: { access: 'declaration:read' },
      schema: {
        tags: ['declarations'],
        summary: 'One version (a number or "current"): metadata, diff from the previous version, source and declaration',
        params: VersionParam,
        response: {
          200: VersionMeta.extend({ entry: z.string(), sourceYaml: z.string(), sourceFiles: z.record(z.string(), z.string()).nullable(), diff: z.unknown(), declaration: z.unknown() }),
        },
      },
    },
    async (req) => {
      const v = await findVersion(deps, req.params.version);
      return { ...meta(v), entry: v.entry, sourceYaml: v.sourceYaml, sourceFiles: v.sourceFiles, diff: v.diff, declaration: v.declaration };
    },
  );
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(
      `/api/declarations/:version/ropa.${format}`,
      {
        config: { access: 'ropa:read' },
        schema: {
          tags: ['declarations'],
          summary: format === 'csv' ? 'The record of processing (Art 30) as CSV: the controller or the processor record' : 'The record of processing (Art 30) as a spreadsheet shaped like the ICO template',
          params: VersionParam,
          ...(format === 'csv' ? { querystring: z.object({ kind: z.enum(['controller', 'processor']).default('controller') }) } : {}),
        },
      },
      async (req, reply) => {
        const version = req.params.version === 'current' ? ('current' as const) : Number(req.params.version);
        const kind = (req.query as { kind?: 'controller' | 'processor' }).kind;
        const out = await exportRopa(deps, { version, format, ...(kind ? { kind } : {}), actor: actorFromRequest(req) });
        return reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`).header('cache-control', 'no-store').send(out.body);
      },
    );
  }
}
