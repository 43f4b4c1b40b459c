/**
 * A local stand-in for the Cloud Storage JSON API, enough for the real @google-cloud/storage
 * client to stage files: object metadata (GET, 404 when absent: "already there?"), multipart
 * uploads (`uploadType=multipart`), resumable uploads (session POST, then PUTs with
 * Content-Range, 308 for partial chunks), downloads (`alt=media`, with the `x-goog-hash` the
 * client checks) and deletes. The `ifGenerationMatch=0` precondition is honoured (412).
 * Responses carry crc32c and md5Hash, which the client compares with what it sent.
 *
 * It listens on 127.0.0.1, port 0; give `endpoint` to `new Storage({apiEndpoint})` (an http://
 * endpoint: the client sends no credentials).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  contentType: string;
  generation: number;
  metadata: Record<string, string>;
}

export interface GcsRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

interface UploadSession {
  bucket: string;
  name: string;
  contentType: string;
  metadata: Record<string, string>;
  chunks: Buffer[];
  received: number;
  ifGenerationMatch?: string;
}

export class GcsStandIn {
  readonly endpoint: string;
  /** Every request, in order. */
  readonly requests: GcsRequest[] = [];
  private readonly server: Server;
  private readonly buckets: Set<string>;
  private readonly objects = new Map<string, StoredObject>();
  private readonly sessions = new Map<string, UploadSession>();
  private generation = 1_700_000_000_000_000;
  private sessionIds = 0;

  private constructor(server: Server, buckets: Iterable<string>) {
    this.server = server;
    this.buckets = new Set(buckets);
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Starts the stand-in with these buckets (others answer 404, as a missing bucket does). */
  static async start(buckets: Iterable<string> = ['kfp-ts-test']): Promise<GcsStandIn> {
    let standIn: GcsStandIn | undefined;
    const server = createServer((request, response) => {
      standIn!.handle(request, response).catch((error: unknown) => {
        sendJson(response, 500, { error: { code: 500, message: `stand-in bug: ${String(error)}` } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    standIn = new GcsStandIn(server, buckets);
    return standIn;
  }

  object(bucket: string, name: string): StoredObject | undefined {
    return this.objects.get(`${bucket}/${name}`);
  }

  listObjects(): StoredObject[] {
    return [...this.objects.values()];
  }

  /** Puts an object in place directly (to test "already there"). */
  putObject(bucket: string, name: string, data: Buffer | string): void {
    this.store(bucket, name, Buffer.from(data), 'application/octet-stream', {});
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private store(
    bucket: string,
    name: string,
    data: Buffer,
    contentType: string,
    metadata: Record<string, string>,
  ): StoredObject {
    const object = { bucket, name, data, contentType, generation: ++this.generation, metadata };
    this.objects.set(`${bucket}/${name}`, object);
    return object;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const method = request.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, query });
    const body = await readBody(request);

    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (upload)
      return this.handleUpload(decodeURIComponent(upload[1]!), method, query, request, body, response);
    const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (object) {
      const bucket = decodeURIComponent(object[1]!);
      const name = decodeURIComponent(object[2]!);
      if (!this.buckets.has(bucket)) return notFoundBucket(response);
      const stored = this.objects.get(`${bucket}/${name}`);
      if (!stored)
        return sendJson(response, 404, {
          error: { code: 404, message: `No such object: ${bucket}/${name}` },
        });
      if (method === 'DELETE') {
        this.objects.delete(`${bucket}/${name}`);
        response.writeHead(204).end();
        return;
      }
      if (method !== 'GET')
        return sendJson(response, 405, { error: { code: 405, message: 'Method not allowed' } });
      if (query.alt === 'media') {
        response.writeHead(200, {
          'content-type': stored.contentType,
          'content-length': String(stored.data.length),
          'x-goog-hash': `crc32c=${crc32cBase64(stored.data)},md5=${md5Base64(stored.data)}`,
          'x-goog-stored-content-encoding': 'identity',
          'x-goog-generation': String(stored.generation),
        });
        response.end(stored.data);
        return;
      }
      return sendJson(response, 200, resource(stored));
    }
    const bucketMeta = /^\/storage\/v1\/b\/([^/]+)$/.exec(url.pathname);
    if (bucketMeta && method === 'GET') {
      const bucket = decodeURIComponent(bucketMeta[1]!);
      if (!this.buckets.has(bucket)) return notFoundBucket(response);
      return sendJson(response, 200, { kind: 'storage#bucket', id: bucket, name: bucket });
    }
    sendJson(response, 404, { error: { code: 404, message: `Not found: ${method} ${url.pathname}` } });
  }

  private handleUpload(
    bucket: string,
    method: string,
    query: Record<string, string>,
    request: IncomingMessage,
    body: Buffer,
    response: ServerResponse,
  ) {
    if (!this.buckets.has(bucket)) return notFoundBucket(response);
    if (method === 'POST' && query.uploadType === 'multipart') {
      const parts = parseMultipart(body, request.headers['content-type'] ?? '');
      if (!parts) return sendJson(response, 400, { error: { code: 400, message: 'Bad multipart body' } });
      const meta = JSON.parse(parts.metadata.toString('utf8')) as {
        name?: string;
        contentType?: string;
        metadata?: Record<string, string>;
      };
      const name = meta.name ?? query.name;
      if (!name) return sendJson(response, 400, { error: { code: 400, message: 'Object name required' } });
      if (this.failsPrecondition(bucket, name, query.ifGenerationMatch)) return preconditionFailed(response);
      const stored = this.store(
        bucket,
        name,
        parts.media,
        meta.contentType ?? parts.mediaType,
        meta.metadata ?? {},
      );
      return sendJson(response, 200, resource(stored));
    }
    if (method === 'POST' && query.uploadType === 'resumable' && !query.upload_id) {
      const meta =
        body.length > 0
          ? (JSON.parse(body.toString('utf8')) as {
              name?: string;
              contentType?: string;
              metadata?: Record<string, string>;
            })
          : {};
      const name = meta.name ?? query.name;
      if (!name) return sendJson(response, 400, { error: { code: 400, message: 'Object name required' } });
      if (this.failsPrecondition(bucket, name, query.ifGenerationMatch)) return preconditionFailed(response);
      const id = `session-${++this.sessionIds}`;
      this.sessions.set(id, {
        bucket,
        name,
        contentType:
          meta.contentType ?? String(request.headers['x-upload-content-type'] ?? 'application/octet-stream'),
        metadata: meta.metadata ?? {},
        chunks: [],
        received: 0,
        ...(query.ifGenerationMatch === undefined ? {} : { ifGenerationMatch: query.ifGenerationMatch }),
      });
      response.writeHead(200, {
        location: `${this.endpoint}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=resumable&upload_id=${id}`,
      });
      response.end();
      return;
    }
    if ((method === 'PUT' || method === 'POST') && query.upload_id) {
      const session = this.sessions.get(query.upload_id);
      if (!session)
        return sendJson(response, 404, { error: { code: 404, message: 'No such upload session' } });
      const range = String(request.headers['content-range'] ?? '');
      // `bytes */N` or `bytes */*`: a status query, no data.
      const status = /^bytes \*\/(\d+|\*)$/.exec(range);
      const chunk = /^bytes (\d+)-(\d+|\*)\/(\d+|\*)$/.exec(range);
      if (status || (!chunk && body.length === 0 && range !== '')) {
        if (status && status[1] !== '*' && Number(status[1]) === session.received)
          return this.finish(query.upload_id, session, response);
        response.writeHead(308, session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {});
        response.end();
        return;
      }
      if (chunk && Number(chunk[1]) !== session.received) {
        // The client resends from where the server is: tell it.
        response.writeHead(308, session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {});
        response.end();
        return;
      }
      session.chunks.push(body);
      session.received += body.length;
      const total = chunk?.[3];
      // Complete when the total is known and reached, or when the size was never announced
      // (`bytes 0-*/*`: the whole object in this one request).
      const complete =
        chunk === null ||
        (total !== undefined && total !== '*' && session.received >= Number(total)) ||
        (chunk[2] === '*' && total === '*');
      if (!complete) {
        response.writeHead(308, { range: `bytes=0-${session.received - 1}` });
        response.end();
        return;
      }
      return this.finish(query.upload_id, session, response);
    }
    sendJson(response, 400, {
      error: { code: 400, message: `Unsupported upload: ${method} ${JSON.stringify(query)}` },
    });
  }

  private finish(id: string, session: UploadSession, response: ServerResponse) {
    this.sessions.delete(id);
    if (this.failsPrecondition(session.bucket, session.name, session.ifGenerationMatch))
      return preconditionFailed(response);
    const stored = this.store(
      session.bucket,
      session.name,
      Buffer.concat(session.chunks),
      session.contentType,
      session.metadata,
    );
    sendJson(response, 200, resource(stored));
  }

  private failsPrecondition(bucket: string, name: string, ifGenerationMatch: string | undefined): boolean {
    if (ifGenerationMatch === undefined) return false;
    const existing = this.objects.get(`${bucket}/${name}`);
    return ifGenerationMatch === '0'
      ? existing !== undefined
      : existing?.generation !== Number(ifGenerationMatch);
  }
}

function resource(object: StoredObject): Record<string, unknown> {
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    name: object.name,
    bucket: object.bucket,
    generation: String(object.generation),
    metageneration: '1',
    contentType: object.contentType,
    size: String(object.data.length),
    md5Hash: md5Base64(object.data),
    crc32c: crc32cBase64(object.data),
    metadata: object.metadata,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function notFoundBucket(response: ServerResponse): void {
  sendJson(response, 404, { error: { code: 404, message: 'The specified bucket does not exist.' } });
}

function preconditionFailed(response: ServerResponse): void {
  sendJson(response, 412, {
    error: { code: 412, message: 'At least one of the pre-conditions you specified did not hold.' },
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** multipart/related: a JSON metadata part, then the media part. */
function parseMultipart(
  body: Buffer,
  contentType: string,
): { metadata: Buffer; media: Buffer; mediaType: string } | undefined {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    parts.push(body.subarray(start + delimiter.length, next));
    start = next;
  }
  const parsed = parts.map((part) => {
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    let content = part.subarray(headerEnd + 4);
    if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
    return { type: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream', content };
  });
  if (parsed.length < 2) return undefined;
  return { metadata: parsed[0]!.content, media: parsed[1]!.content, mediaType: parsed[1]!.type };
}

function md5Base64(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32C (Castagnoli) as Cloud Storage reports it: big-endian, base64. */
export function crc32cBase64(data: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}
