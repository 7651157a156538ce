import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromRequest } from '../declarations/actor-from-request.js';
import { PledgeError } from '../errors/pledge-error.js';
import { recordEvent } from '../rights/apply-action.js';
import type { ServiceDeps } from '../service-deps.js';
import { buildReplyPackage } from './build-reply-package.js';
import { attachReplyFile, deleteReplyFile, listReplyFiles, readReplyFile, SystemId } from './reply-files.js';
import { listReplyLinks, revokeReplyLink, sendReply } from './reply-links.js';
import { contentDisposition } from './content-disposition.js';
import { replyTimeline } from './reply-timeline.js';
import { publicReplyRoutes } from './public-reply-routes.js';

export const RequestIdParam = z.object({ id: z.uuid('a request id') });
const FileParams = RequestIdParam.extend({ fileId: z.uuid() });
const LinkParams = RequestIdParam.extend({ linkId: z.uuid() });

const ReplyFileOut = z.object({
  id: z.string(),
  requestId: z.string(),
  kind: z.enum(['upload', 'package']),
  systemId: z.string().nullable(),
  systemName: z.string().nullable(),
  providedByPerson: z.boolean(),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ type: z.string(), id: z.string().nullable() }),
  expiresAt: z.string().nullable(),
  purgedAt: z.string().nullable(),
});
const ReplyLinkOut = z.object({
  id: z.string(),
  requestId: z.string(),
  fileId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  maxDownloads: z.number(),
  downloads: z.number(),
  lastDownloadAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const truthy = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on'])]).transform((v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on');
const UploadQuery = z.object({
  name: z.string().min(1).max(200).optional().describe('File name, for a raw-body upload (multipart sends its own).'),
  system: SystemId.optional().describe('The system the data comes from, e.g. "crm".'),
  systemName: z.string().min(1).max(200).optional().describe('How the system is named in the reply, e.g. "Customer records".'),
  provided: truthy.optional().describe('True when the person gave us this data: it goes into a portability reply (Art 20(1)).'),
});

export const PackageBody = z
  .object({
    requestType: z.enum(['access', 'portability']).optional().describe("access (Art 15): data and the Art 15 report; portability (Art 20): data the person gave us, machine-readable. Default: the request's type."),
    subjects: z.array(z.string().max(64)).max(20).optional().describe('Subject ids from the declaration the person belongs to, e.g. ["customers"]: the report then tells what concerns them.'),
    search: z.string().max(5000).optional().describe('How the data was searched for, and why that was proportionate (Art 15(1A)).'),
  })
  .strict();

const SendBody = z
  .object({
    fileIds: z.array(z.uuid()).min(1).max(50).describe('The reply files to send (usually the package).'),
    message: z.string().max(5000).optional().describe('Words shown in the email before the links.'),
  })
  .strict();

const work = (summary: string) => ({ tags: ['rights replies'], summary });

/** Reads a raw upload body with a hard size cap, answering with PLEDGE_REPLY_FILE_MAX_BYTES in the message. */
function rawBodyParser(max: number) {
  return (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: Buffer) => void) => {
    const tooLarge = () => new PledgeError('payload_too_large', `The file is larger than ${max} bytes, the most a reply file may be (PLEDGE_REPLY_FILE_MAX_BYTES). Split it (e.g. one file per system) or compress it as ZIP.`, { maxBytes: max });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return done(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > max) {
        failed = true;
        done(tooLarge());
        return;
      }
      chunks.push(c);
    });
    payload.on('end', () => !failed && done(null, Buffer.concat(chunks)));
    payload.on('error', (e: Error) => !failed && done(e));
  };
}

/**
 * Staff API for replies to rights requests: attach files (multipart or a raw body), build the access or
 * portability package, send it by an expiring link, list files, links and the reply timeline. The public download
 * page is in public-reply-routes.ts.
 */
export async function replyRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const max = deps.config.replyFileMaxBytes;
  // Uploads in their own context: multipart and raw bodies are parsed only here, never by other routes.
  await app.register(async (child) => {
    child.removeAllContentTypeParsers();
    await child.register(multipart, { limits: { fileSize: max, files: 1, fields: 10, fieldSize: 1000, parts: 12 } });
    child.addContentTypeParser('*', rawBodyParser(max));
    const r = child.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/rights/requests/:id/reply-files',
      {
        config: { access: 'rights:work' },
        schema: {
          ...work('Attach a file to the reply: JSON, CSV, text, PDF, ZIP or an image, checked by content, at most PLEDGE_REPLY_FILE_MAX_BYTES; multipart/form-data (field "file") or the raw file as the body'),
          params: RequestIdParam,
          querystring: UploadQuery,
          response: { 201: ReplyFileOut },
        },
      },
      async (req, reply) => {
        let bytes: Buffer;
        let name = req.query.name;
        let declaredType = req.headers['content-type'];
        let q: z.output<typeof UploadQuery> = req.query;
        if (req.isMultipart()) {
          const part = await req.file();
          if (!part) throw new PledgeError('invalid_input', 'The form has no file: send it in a field named "file".');
          try {
            bytes = await part.toBuffer();
          } catch (e) {
            if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
              throw new PledgeError('payload_too_large', `The file is larger than ${max} bytes, the most a reply file may be (PLEDGE_REPLY_FILE_MAX_BYTES). Split it or compress it as ZIP.`, { maxBytes: max });
            }
            throw e;
          }
          const fields = Object.fromEntries(
            Object.entries(part.fields)
              .map(([k, v]) => [k, v && !Array.isArray(v) && 'value' in v ? v.value : undefined])
              .filter(([, v]) => typeof v === 'string'),
          );
          const parsed = UploadQuery.safeParse({ ...req.query, ...fields });
          if (!parsed.success) throw new PledgeError('invalid_input', `The form is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
          q = parsed.data;
          name = part.filename || q.name;
          declaredType = part.mimetype;
        } else {
          bytes = (req.body as Buffer | undefined) ?? Buffer.alloc(0);
        }
        if (!name) throw new PledgeError('invalid_input', 'Name the file: ?name=records.json for a raw upload, or send it as multipart/form-data.');
        const file = await attachReplyFile(deps, {
          requestId: req.params.id,
          bytes,
          name,
          declaredType,
          systemId: q.system,
          systemName: q.systemName,
          providedByPerson: q.provided,
          actor: actorFromRequest(req),
        });
        return reply.status(201).send(file);
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/rights/requests/:id/reply-files',
    { config: { access: 'rights:read' }, schema: { ...work('The reply files and download links of a request'), params: RequestIdParam, response: { 200: z.object({ files: z.array(ReplyFileOut), links: z.array(ReplyLinkOut) }) } } },
    async (req) => ({ files: await listReplyFiles(deps.store.db, deps.cipher, req.params.id), links: await listReplyLinks(deps.store.db, req.params.id) }),
  );
  r.get(
    '/api/rights/requests/:id/reply-files/:fileId/content',
    // The person's data itself (every system's export, the package): rights:work, as for identity documents; rights:read lists metadata.
    {
      config: { access: 'rights:work' },
      schema: { ...work('Download a reply file (staff, rights:work); audited'), params: FileParams, produces: ['application/octet-stream'], response: { 200: z.any().meta({ type: 'string', format: 'binary', description: 'The file, sent with its own content type (JSON, CSV, text, PDF, ZIP or an image)' }) } },
    },
    async (req, reply) => {
      const { file, bytes } = await readReplyFile(deps.store.db, deps.cipher, req.params.id, req.params.fileId);
      await deps.store.db.transaction().execute(async (trx) => {
        await recordEvent(trx, deps, { requestId: req.params.id, actor: actorFromRequest(req), kind: 'reply.file_read', summary: 'Reply file opened by staff', data: { fileId: file.id } });
      });
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.name)).header('cache-control', 'no-store').send(bytes);
    },
  );
  r.delete(
    '/api/rights/requests/:id/reply-files/:fileId',
    { config: { access: 'rights:work' }, schema: { ...work('Remove a file not yet sent'), params: FileParams, response: { 204: z.null().describe('Removed') } } },
    async (req, reply) => {
      await deleteReplyFile(deps, req.params.id, req.params.fileId, actorFromRequest(req));
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/rights/requests/:id/reply-package',
    {
      config: { access: 'rights:work' },
      schema: {
        ...work('Build the access or portability package (ZIP: data as JSON and CSV per system, the Art 15 report in HTML and text, a manifest) from the attached files'),
        params: RequestIdParam,
        body: PackageBody,
        response: { 201: z.object({ file: ReplyFileOut, entries: z.array(z.object({ path: z.string(), bytes: z.number() })), declarationVersion: z.number() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const pkg = await buildReplyPackage(deps, {
        requestId: req.params.id,
        requestType: b.requestType,
        subjects: b.subjects,
        search: b.search,
        actor: actorFromRequest(req),
      });
      return reply.status(201).send(pkg);
    },
  );
  r.post(
    '/api/rights/requests/:id/reply-send',
    {
      config: { access: 'rights:work' },
      schema: {
        ...work('Email the person expiring links to reply files (usually the package) before completing; completing with attachmentIds does this too'),
        params: RequestIdParam,
        body: SendBody,
        response: { 201: z.object({ links: z.array(ReplyLinkOut), mailId: z.string() }) },
      },
    },
    async (req, reply) => {
      const out = await deps.store.db.transaction().execute((trx) => sendReply(trx, deps, { requestId: req.params.id, ...req.body, actor: actorFromRequest(req) }));
      return reply.status(201).send(out);
    },
  );
  r.post(
    '/api/rights/requests/:id/reply-links/:linkId/revoke',
    { config: { access: 'rights:work' }, schema: { ...work('Stop a download link at once'), params: LinkParams, response: { 204: z.null().describe('Stopped') } } },
    async (req, reply) => {
      await revokeReplyLink(deps, req.params.id, req.params.linkId, actorFromRequest(req));
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/rights/requests/:id/reply-timeline',
    {
      config: { access: 'rights:read' },
      schema: {
        ...work('The reply steps of a request: files, package, links, the email, each download, the purge'),
        params: RequestIdParam,
        response: { 200: z.object({ events: z.array(z.object({ at: z.string(), kind: z.string(), summary: z.string(), actor: z.object({ type: z.string(), id: z.string().nullable() }), data: z.unknown() })) }) },
      },
    },
    async (req) => ({ events: await replyTimeline(deps.store.db, req.params.id) }),
  );
  await publicReplyRoutes(app, deps);
}
