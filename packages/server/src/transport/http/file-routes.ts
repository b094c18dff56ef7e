import {
  type FileUploadResult,
  fileLinkQuerySchema,
  fileUploadHeadersSchema,
  idParamsSchema,
  inlineImageTypes,
} from '@beckon/protocol';
import contentDisposition from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../domain/errors.ts';
import type { FileUpload } from '../../domain/files/files-service.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import type { FileRow } from '../../ports/store.ts';
import { allow, currentUser, type Gate } from './auth.ts';
import { authenticateVisitor, visitorCors } from './visitor-credential.ts';

/**
 * A downloaded file can never run anything on this origin: no source of any kind, sandboxed (an HTML or SVG
 * opened in a tab gets an opaque origin and no script), never framed.
 */
const downloadPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'";

/**
 * Files in conversations. The body of an upload is the file's raw bytes (any Content-Type: the server reads the
 * type from the bytes); the name, caption and idempotency key are headers (fileUploadHeadersSchema).
 *
 * - Agents (session cookie, or an API token with `conversations:write` / `conversations:read`):
 *   `POST /v1/conversations/:id/files` in a conversation they may work on, and `GET /v1/files/:id` for a
 *   conversation they may see.
 * - Visitors (`Authorization: Bearer <visitor id>.<secret>`, the widget's key, from an allowed origin):
 *   `POST /v1/visitor/files?key=` in their open chat and `GET /v1/visitor/files/:id?key=`.
 * - Anyone holding a transcript e-mail's link: `GET /v1/file-links/:id?expires=&signature=`, until it expires.
 *
 * Credentials are checked and the size announced is refused before the body is read.
 */
export async function fileRoutes(app: FastifyInstance, s: Services, gate: Gate): Promise<void> {
  const { maxBytes } = s.files.settings;
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    const sizeCheck = async (request: FastifyRequest) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > maxBytes) fail('FILE_TOO_LARGE', `Files may be up to ${maxBytes} bytes.`);
    };
    // The gates run on request, not before the handler as elsewhere: an upload is refused before its body is read.
    const write = allow(gate, 'conversations:write', 'admin', 'supervisor', 'agent');
    const read = allow(gate, 'conversations:read', 'admin', 'supervisor', 'agent');
    const visitor = authenticateVisitor(s);

    const upload = { config: write.config, onRequest: [write.preHandler, sizeCheck] };
    scope.post('/v1/conversations/:id/files', upload, async (request, reply) => {
      const { id } = parseOrFail(idParamsSchema, request.params);
      const result = await s.files.agentUpload(currentUser(request), id, uploadOf(request));
      return sendUpload(reply, result);
    });
    scope.get(
      '/v1/files/:id',
      { config: read.config, onRequest: read.preHandler },
      async (request, reply) => {
        const { id } = parseOrFail(idParamsSchema, request.params);
        const { file, bytes } = await s.files.forStaff(currentUser(request), id);
        return sendFile(reply, file, bytes);
      },
    );

    // No session: the signature is the credential. Limited per address: a mail holds a few links, not hundreds.
    const byLink = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };
    scope.get('/v1/file-links/:id', byLink, async (request, reply) => {
      const { id } = parseOrFail(idParamsSchema, request.params);
      const { expires, signature } = parseOrFail(fileLinkQuerySchema, request.query);
      const { file, bytes } = await s.files.byLink(id, expires, signature);
      return sendFile(reply, file, bytes);
    });

    scope.options('/v1/visitor/files', visitorCors(s), async (_request, reply) => reply.status(204).send());
    scope.options('/v1/visitor/files/:id', visitorCors(s), async (_request, reply) =>
      reply.status(204).send(),
    );
    scope.post('/v1/visitor/files', { onRequest: [visitor, sizeCheck] }, async (request, reply) => {
      const result = await s.files.visitorUpload(visitorIdOf(request), uploadOf(request));
      return sendUpload(reply, result);
    });
    scope.get('/v1/visitor/files/:id', { onRequest: visitor }, async (request, reply) => {
      const { id } = parseOrFail(idParamsSchema, request.params);
      const { file, bytes } = await s.files.forVisitor(visitorIdOf(request), id);
      return sendFile(reply, file, bytes);
    });
  });
}

function uploadOf(request: FastifyRequest): FileUpload {
  const headers = parseOrFail(fileUploadHeadersSchema, request.headers);
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return {
    clientId: headers['idempotency-key'],
    name: headers['beckon-file-name'],
    caption: headers['beckon-caption'],
    bytes,
  };
}

function sendUpload(reply: FastifyReply, result: FileUploadResult & { repeated: boolean }) {
  const { repeated, ...body } = result;
  return reply.status(repeated ? 200 : 201).send(body satisfies FileUploadResult);
}

function sendFile(reply: FastifyReply, file: FileRow, bytes: Buffer) {
  const inline = inlineImageTypes.includes(file.contentType);
  return reply
    .header(
      'content-type',
      file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType,
    )
    .header('content-disposition', contentDisposition(file.name, { type: inline ? 'inline' : 'attachment' }))
    .header('content-security-policy', downloadPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

function visitorIdOf(request: FastifyRequest): string {
  return request.visitorId ?? fail('UNAUTHENTICATED', 'The visitor credential is missing or wrong.');
}
