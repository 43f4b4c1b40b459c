/**
 * The program of a pool worker thread (see worker-pool.ts). It is bundled by esbuild into one
 * CommonJS file before the first worker starts, so a worker needs no TypeScript loader, from
 * sources or from the build alike. It imports only Node built-ins, artifacts.ts and runtime-artifacts.ts.
 *
 * For each `run` message: require the components library once (a CommonJS bundle of the module
 * that defines the component, with its own copy of `@kfp-ts/executor`), find the component by
 * name, run `executeComponent` as the main thread would (same context, URIs mapped by the run's
 * prefixes, task env set in this thread's copy of process.env), and answer `done` or `failed`.
 * What the task prints (`console.*`, `process.stdout`/`stderr` writes) goes to the main thread
 * as `log` messages, ahead of the answer, so it lands in that task's log.
 */
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { parentPort } from 'node:worker_threads';
import type { ComponentsLibrary } from '@kfp-ts/bundler';
import { uriToPath } from '../artifacts.js';
import { runtimeArtifacts } from './runtime-artifacts.js';
import type { RunMessage, SerializedError, WarmMessage, WorkerMessage } from './worker-protocol.js';

const port = parentPort!;
const libraries = new Map<string, ComponentsLibrary>();
const modules = new Map<string, Record<string, unknown>>();
/** The id of the running task: what is printed meanwhile is its log. */
let current: number | undefined;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
for (const method of METHODS) {
  const original = console[method].bind(console) as (...args: unknown[]) => void;
  // As log-capture.ts does on the main thread: the same text for the same call.
  console[method] = (...args: unknown[]) => {
    if (current !== undefined) post({ type: 'log', id: current, text: `${format(...args)}\n` });
    else original(...args);
  };
}
for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (current === undefined) return original(chunk, ...rest);
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(encoding);
    post({ type: 'log', id: current, text });
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof stream.write;
}

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/** The library and the module's exports; what is printed while the module loads is not the task's. */
function load(path: string): { library: ComponentsLibrary; exports: Record<string, unknown> } {
  let library = libraries.get(path);
  if (!library) {
    library = createRequire(path)(path) as ComponentsLibrary;
    libraries.set(path, library);
  }
  let exports = modules.get(path);
  if (!exports) {
    const task = current;
    current = undefined;
    try {
      exports = library.load();
    } finally {
      current = task;
    }
    modules.set(path, exports);
  }
  return { library, exports };
}

async function run(message: RunMessage): Promise<WorkerMessage> {
  const { id } = message;
  let loaded: ReturnType<typeof load>;
  try {
    loaded = load(message.library);
  } catch (error) {
    return {
      type: 'unavailable',
      id,
      reason: `its module does not load in a worker thread: ${serialize(error).message}`,
    };
  }
  const found = loaded.library.findFunctionComponent(loaded.exports, message.component);
  if (!found.ok) return { type: 'unavailable', id, reason: found.problem };
  const saved = new Map(Object.keys(message.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, message.env);
  try {
    const result = await loaded.library.executeComponent(found.definition, message.executorInput, {
      pathForUri: (uri) => uriToPath(uri, message.uriPrefixes),
      context: { taskName: message.taskName, pipelineJobName: message.pipelineJobName },
    });
    if (!result.ok) return { type: 'failed', id, error: serialize(result.error) };
    return {
      type: 'done',
      id,
      outputParameters: { ...result.outputParameters },
      outputArtifacts: runtimeArtifacts(result.outputArtifacts),
    };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

port.on('message', (message: RunMessage | WarmMessage) => {
  if (message.type === 'warm') {
    for (const library of message.libraries) {
      try {
        load(library);
      } catch {
        // The first task that needs it reports why (as 'unavailable').
      }
    }
    return;
  }
  current = message.id;
  void run(message)
    .catch((error: unknown): WorkerMessage => ({ type: 'failed', id: message.id, error: serialize(error) }))
    .then((answer) => {
      current = undefined;
      try {
        post(answer);
      } catch (error) {
        // Outputs that cannot be copied to the main thread (a function in metadata, say).
        post({
          type: 'failed',
          id: message.id,
          error: {
            name: 'Error',
            message: `component '${message.component}' failed: its outputs cannot be sent from its worker thread: ${serialize(error).message}`,
          },
        });
      }
    });
});
