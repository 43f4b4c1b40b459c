/**
 * Start-up time. The generated Vertex AI clients load the package's whole protos.json (4 MB:
 * every service of v1 and v1beta1) and build protobuf and gRPC definitions of all of it in
 * their constructor: 1.5 to 2.5 s of a `kfp-ts submit` that needs two services. Here the JSON is
 * cut down to the services we use and every type they reach (request, response and
 * long-running operation types, followed through fields), and the client modules are loaded
 * with that subset in place of protos.json. The clients are unchanged and complete for those
 * services: only unrelated definitions are left out.
 *
 * The subset is swapped in through the CommonJS module cache for the one `require` of the client
 * modules, and taken out right after, so anyone else loading protos.json gets the real file. If
 * protos.json or the clients are already loaded, nothing is swapped (the full JSON is used).
 *
 * The package build writes the subset next to the compiled module (dist/protos-subset.json, see
 * `writePrebuiltSubset`): reading 4 MB of JSON and cutting it down takes ~0.1 s of every start.
 * It is used only when it was made from a protos.json of the very size of the installed one and
 * for the same services; otherwise (or from the TypeScript sources) the subset is computed.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

type Json = Record<string, any>;

const SCALARS = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
]);

/** The node at `path` (namespace names) in a protobufjs JSON tree. */
function nodeAt(root: Json, path: readonly string[]): Json | undefined {
  let node: Json | undefined = root;
  for (const name of path) {
    node = node?.nested?.[name];
    if (!node) return undefined;
  }
  return node;
}

/** protobufjs' lookup: `ref` relative to `scope`, trying each enclosing namespace outwards. */
function resolve(root: Json, scope: readonly string[], ref: string): string[] | undefined {
  const parts = ref.replace(/^\./, '').split('.');
  if (ref.startsWith('.')) return nodeAt(root, parts) ? parts : undefined;
  for (let i = scope.length; i >= 0; i--) {
    const candidate = [...scope.slice(0, i), ...parts];
    if (nodeAt(root, candidate)) return candidate;
  }
  return undefined;
}

/**
 * The part of `full` (protobufjs JSON) that `services` (full names) need. Throws when a
 * reference cannot be resolved, rather than produce a subset the client would trip on later.
 */
export function protoSubset(full: Json, services: readonly string[]): Json {
  const wanted = new Set<string>();
  const queue: string[][] = [];
  const want = (scope: readonly string[], ref: string) => {
    const path = resolve(full, scope, ref);
    if (!path) throw new Error(`proto subset: cannot resolve ${ref} from ${scope.join('.')}`);
    const key = path.join('.');
    if (!wanted.has(key)) {
      wanted.add(key);
      queue.push(path);
    }
  };
  for (const service of services) {
    const path = service.split('.');
    const node = nodeAt(full, path);
    if (!node?.methods) throw new Error(`proto subset: no service ${service}`);
    wanted.add(service);
    const scope = path.slice(0, -1);
    for (const method of Object.values<Json>(node.methods)) {
      want(scope, method.requestType);
      want(scope, method.responseType);
      for (const key of ['response_type', 'metadata_type']) {
        const lro = method.options?.[`(google.longrunning.operation_info).${key}`];
        if (lro) want(scope, lro);
      }
    }
  }
  while (queue.length > 0) {
    const path = queue.pop()!;
    const node = nodeAt(full, path)!;
    // A nested type is looked up from inside its parent message, then outwards.
    for (const field of Object.values<Json>(node.fields ?? {})) {
      if (!SCALARS.has(field.type)) want(path, field.type);
    }
    // A reached nested type needs its parents in the tree (they are messages: keep them whole but empty).
    for (let i = path.length - 1; i > 0; i--) {
      const parent = nodeAt(full, path.slice(0, i))!;
      if (parent.fields && !wanted.has(path.slice(0, i).join('.')))
        want([], `.${path.slice(0, i).join('.')}`);
    }
  }
  const subset: Json = {};
  for (const key of [...wanted].sort()) {
    const path = key.split('.');
    let into = subset;
    let from: Json = full;
    for (const name of path.slice(0, -1)) {
      from = from.nested[name];
      into.nested ??= {};
      if (!into.nested[name]) {
        const { nested: _nested, ...rest } = from;
        into.nested[name] = { ...rest };
      }
      into = into.nested[name];
    }
    const name = path.at(-1)!;
    const { nested: _nested, ...definition } = from.nested[name];
    into.nested ??= {};
    into.nested[name] = {
      ...definition,
      ...(into.nested[name]?.nested ? { nested: into.nested[name].nested } : {}),
    };
  }
  return subset;
}

const SERVICES = ['google.cloud.aiplatform.v1.PipelineService', 'google.cloud.aiplatform.v1.ScheduleService'];
const CLIENTS = [
  '@google-cloud/aiplatform/build/src/v1/pipeline_service_client.js',
  '@google-cloud/aiplatform/build/src/v1/schedule_service_client.js',
];

let loaded: { PipelineServiceClient: unknown; ScheduleServiceClient: unknown } | undefined;

const PROTOS_JSON = '@google-cloud/aiplatform/build/protos/protos.json';

/** What the build writes: the subset, and what it was made from. */
interface PrebuiltSubset {
  /** Size in bytes of the protos.json it was cut from. */
  protosBytes: number;
  services: string[];
  subset: Json;
}

function prebuiltPath(): string {
  return fileURLToPath(new URL('./protos-subset.json', import.meta.url));
}

/** Writes the subset for the installed protos.json to `file` (the package build does, into dist/). */
export function writePrebuiltSubset(file: string = prebuiltPath()): void {
  const protosPath = require.resolve(PROTOS_JSON);
  const prebuilt: PrebuiltSubset = {
    protosBytes: statSync(protosPath).size,
    services: [...SERVICES],
    subset: protoSubset(JSON.parse(readFileSync(protosPath, 'utf8')) as Json, SERVICES),
  };
  writeFileSync(file, `${JSON.stringify(prebuilt)}\n`);
}

/** The subset in `file`, if it was made from a protos.json of `protosBytes` bytes for SERVICES. */
export function readPrebuiltSubset(file: string, protosBytes: number): Json | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const prebuilt = JSON.parse(readFileSync(file, 'utf8')) as Partial<PrebuiltSubset>;
    const sameServices =
      Array.isArray(prebuilt.services) &&
      prebuilt.services.length === SERVICES.length &&
      SERVICES.every((service, i) => prebuilt.services![i] === service);
    return prebuilt.protosBytes === protosBytes && sameServices && typeof prebuilt.subset === 'object'
      ? prebuilt.subset
      : undefined;
  } catch {
    return undefined;
  }
}

function subsetOf(protosPath: string): Json {
  return (
    readPrebuiltSubset(prebuiltPath(), statSync(protosPath).size) ??
    protoSubset(JSON.parse(readFileSync(protosPath, 'utf8')) as Json, SERVICES)
  );
}

/** The two client classes, loaded over the subset when possible. */
export function loadClientClasses(): { PipelineServiceClient: unknown; ScheduleServiceClient: unknown } {
  if (loaded) return loaded;
  const protosPath = require.resolve(PROTOS_JSON);
  const untouched =
    !(protosPath in require.cache) && CLIENTS.every((c) => !(require.resolve(c) in require.cache));
  if (untouched && process.env.KFP_TS_FULL_PROTOS !== '1') {
    const module = new Module(protosPath);
    module.filename = protosPath;
    module.exports = subsetOf(protosPath);
    module.loaded = true;
    require.cache[protosPath] = module;
    try {
      loaded = {
        PipelineServiceClient: (require(CLIENTS[0]!) as Json).PipelineServiceClient,
        ScheduleServiceClient: (require(CLIENTS[1]!) as Json).ScheduleServiceClient,
      };
    } finally {
      delete require.cache[protosPath];
    }
    return loaded;
  }
  loaded = {
    PipelineServiceClient: (require(CLIENTS[0]!) as Json).PipelineServiceClient,
    ScheduleServiceClient: (require(CLIENTS[1]!) as Json).ScheduleServiceClient,
  };
  return loaded;
}
