/**
 * Builds the Vertex AI and Cloud Storage clients. Vertex AI is regional:
 * `<region>-aiplatform.googleapis.com:443` unless an endpoint is given (`--api-endpoint`,
 * `KFP_TS_VERTEX_ENDPOINT`) for private or regional endpoints. An `http://` endpoint means
 * plaintext gRPC without credentials: that is how tests reach the local stand-ins.
 *
 * The clients come from their own files in @google-cloud/aiplatform rather than its index,
 * which loads every service of v1 and v1beta1 and the generated message classes (several
 * seconds of start-up for a command that uses two services), and over a subset of its protos
 * (protos-subset.ts). google-gax is this package's own
 * dependency at the version aiplatform uses, so there is one copy: gRPC credentials from a
 * second copy of @grpc/grpc-js would be refused ("Channel credentials must be a
 * ChannelCredentials object").
 */
import { createRequire } from 'node:module';
import type { PipelineServiceLike, ScheduleServiceLike } from './client-types.js';
import { type AuthLike, checkCredentials } from './credentials.js';
import { usageError } from './errors.js';
import { loadClientClasses } from './protos-subset.js';
import { loadStorageModule } from './staging.js';

const require = createRequire(import.meta.url);

type Gax = typeof import('google-gax');

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Where a client connects. */
export interface Endpoint {
  host: string;
  port: number;
  /** Plaintext and no credentials (a local stand-in). */
  plaintext: boolean;
}

/**
 * `http://host:port` (plaintext), `https://host[:port]` or `host[:port]` (TLS, default port
 * 443); without one, the region's endpoint.
 */
export function parseApiEndpoint(endpoint: string | undefined, region: string): Endpoint {
  if (endpoint === undefined || endpoint === '') {
    return { host: `${region}-aiplatform.googleapis.com`, port: 443, plaintext: false };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw usageError(`API endpoint '${endpoint}' is not a URL or host[:port].`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`API endpoint '${endpoint}': use http:// (plaintext, no credentials) or https://.`);
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    throw usageError(`API endpoint '${endpoint}': a gRPC endpoint has no path; give the host and port only.`);
  }
  const plaintext = url.protocol === 'http:';
  const port = url.port === '' ? (plaintext ? 80 : 443) : Number(url.port);
  // URL keeps IPv6 hosts in brackets; gRPC wants them bare.
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, plaintext };
}

export interface ClientOptions {
  region: string;
  /** Default: `KFP_TS_VERTEX_ENDPOINT`, else the region's endpoint. */
  apiEndpoint?: string;
  /** Credentials to use (default: Application Default Credentials, checked first). */
  auth?: AuthLike;
  env?: NodeJS.ProcessEnv;
}

let gaxModule: Gax | undefined;
let clientGaxModule: Gax | undefined;

/** google-gax, loaded on first use (this package's own copy: see above). */
export function loadGax(): Gax {
  gaxModule ??= require('google-gax') as Gax;
  return gaxModule;
}

const gax = loadGax;

/**
 * What the generated clients' IAM and Locations mixins become: every client constructor builds
 * an IamClient and a LocationsClient (for its getIamPolicy, getLocation... methods), each loading
 * its own protos and building gRPC definitions, about 0.08 s of a submit; this package calls
 * none of those methods. `close()` is what the client's own close() calls on them.
 */
class OmittedMixin {
  close(): Promise<void> {
    return Promise.resolve();
  }
  getIamPolicy(): never {
    return omitted();
  }
  setIamPolicy(): never {
    return omitted();
  }
  testIamPermissions(): never {
    return omitted();
  }
  getLocation(): never {
    return omitted();
  }
  listLocationsAsync(): never {
    return omitted();
  }
}

function omitted(): never {
  throw new Error('kfp-ts builds the Vertex AI clients without their IAM and Locations methods');
}

/**
 * google-gax as the clients are given it (their `gaxInstance` argument): gax itself, the same
 * copy (its prototype), but with the IAM and Locations mixins left out (OmittedMixin).
 */
function clientGax(): Gax {
  clientGaxModule ??= Object.create(gax(), {
    IamClient: { value: OmittedMixin },
    LocationsClient: { value: OmittedMixin },
  }) as Gax;
  return clientGaxModule;
}

/**
 * Client options for `endpoint`: plaintext endpoints get insecure channel credentials and a
 * pass-through auth client (no token is looked for or sent); real ones get `auth`, checked.
 */
async function connectionOptions(options: ClientOptions): Promise<Record<string, unknown>> {
  const env = options.env ?? process.env;
  const endpoint = parseApiEndpoint(options.apiEndpoint ?? env.KFP_TS_VERTEX_ENDPOINT, options.region);
  const g = gax();
  if (endpoint.plaintext) {
    return {
      apiEndpoint: endpoint.host,
      port: endpoint.port,
      sslCreds: g.grpc.credentials.createInsecure(),
      authClient: new g.googleAuthLibrary.PassThroughClient(),
    };
  }
  const auth = options.auth ?? new g.googleAuthLibrary.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  await checkCredentials(auth, env);
  return { apiEndpoint: endpoint.host, port: endpoint.port, auth };
}

type ClientConstructor<T> = new (options: Record<string, unknown>, gaxInstance?: Gax) => T;

/** A PipelineServiceClient (gRPC) for `options.region`, after the credentials check. */
export async function createPipelineServiceClient(options: ClientOptions): Promise<PipelineServiceLike> {
  const connection = await connectionOptions(options);
  const PipelineServiceClient = loadClientClasses()
    .PipelineServiceClient as ClientConstructor<PipelineServiceLike>;
  return new PipelineServiceClient(connection, clientGax());
}

/** A ScheduleServiceClient (gRPC) for `options.region`, after the credentials check. */
export async function createScheduleServiceClient(options: ClientOptions): Promise<ScheduleServiceLike> {
  const connection = await connectionOptions(options);
  const ScheduleServiceClient = loadClientClasses()
    .ScheduleServiceClient as ClientConstructor<ScheduleServiceLike>;
  return new ScheduleServiceClient(connection, clientGax());
}

/**
 * Loads google-gax, the client classes and (with `storage`) the Cloud Storage client now. A
 * command that is about to register a TypeScript loader (tsx) calls this first: modules loaded
 * after it go through its hooks, which makes these large CommonJS trees several times slower to
 * load.
 */
export async function preloadClients(options: { storage?: boolean } = {}): Promise<void> {
  gax();
  loadClientClasses();
  if (options.storage) loadStorageModule();
}
