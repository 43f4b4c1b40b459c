/**
 * Chooses how a leaf task runs, or says clearly why it cannot:
 * - a mock, when one is registered for the component (any kind);
 * - importer tasks run here;
 * - TypeScript function components (container args `--function_to_execute <name>`, not Python):
 *   in-process from the registry (default; on a worker thread of the run's pool when there is one
 *   and the component's module is known), or their real command on the host (`subprocess`) or in
 *   their image (`docker`);
 * - Python lightweight components (`kfp.dsl.executor_main`) need Python and kfp in their image:
 *   only `docker` runs them;
 * - other containers: on the host when their image is in `hostImages`, else in Docker/Podman.
 */
import type { FunctionComponentDefinition } from '@kfp-ts/dsl';
import { sanitizeName } from '@kfp-ts/dsl';
import type { ComponentSpec, ContainerSpec, ExecutorSpec } from '@kfp-ts/schemas';
import { sha256 } from '../cache.js';
import type { SharedExclusiveGate } from '../limiter.js';
import type { MockFunction } from '../types.js';
import type { ContainerEngine } from './docker.js';
import { DockerExecutor, detectEngine } from './docker.js';
import type { FunctionWorkers } from './function-workers.js';
import { ImporterExecutor } from './importer.js';
import { InProcessExecutor } from './in-process.js';
import { MockExecutor } from './mock.js';
import { containerEnv, SubprocessExecutor } from './subprocess.js';
import type { FunctionExecutor, TaskExecutor } from './types.js';
import { WorkerExecutor } from './worker-executor.js';

export class UnsupportedTaskError extends Error {
  override readonly name = 'UnsupportedTaskError';
}

export interface SelectContext {
  runner: 'in-process' | 'subprocess' | 'docker';
  registry: ReadonlyMap<string, FunctionComponentDefinition>;
  mocks: Readonly<Record<string, MockFunction>>;
  hostImages: readonly string[];
  containerEngine?: ContainerEngine;
  functionExecutor: FunctionExecutor;
  /** Worker threads for in-process function components (absent: they run on the main thread). */
  workers?: FunctionWorkers;
  gate: SharedExclusiveGate;
  assetsDir?: string;
  env: Record<string, string>;
  outputDir: string;
  /** Reports a choice the user should know about (a run-level warning event). */
  warn?: (message: string) => void;
}

export interface Selection {
  executor: TaskExecutor;
  /** Fingerprint of code that is not in the IR (an in-process function, a mock), for the cache key. */
  code?: string;
}

/** `--function_to_execute <name>` of a container, if any. */
export function functionName(container: ContainerSpec): string | undefined {
  const args = [...(container.command ?? []), ...(container.args ?? [])];
  const i = args.indexOf('--function_to_execute');
  return i >= 0 ? args[i + 1] : undefined;
}

/** `node -e <bootstrap> <bundle or kfp-ts-asset:...>`: the command itself carries the code. */
function shipsItsCode(container: ContainerSpec): boolean {
  const command = container.command ?? [];
  return command[0] === 'node' && command[1] === '-e' && command.length >= 4;
}

export function isPythonComponent(container: ContainerSpec): boolean {
  return [...(container.command ?? []), ...(container.args ?? [])].some((a) =>
    a.includes('kfp.dsl.executor_main'),
  );
}

function findMock(mocks: Readonly<Record<string, MockFunction>>, fn: string | undefined, taskKey: string) {
  if (fn !== undefined && mocks[fn]) return mocks[fn];
  for (const [name, mock] of Object.entries(mocks)) {
    const key = sanitizeName(name);
    if (taskKey === key || new RegExp(`^${key}-\\d+$`).test(taskKey)) return mock;
  }
  return undefined;
}

export async function selectExecutor(
  context: SelectContext,
  taskKey: string,
  taskPath: string,
  component: ComponentSpec,
  executor: ExecutorSpec,
): Promise<Selection> {
  if (executor.importer) {
    const mock = findMock(context.mocks, undefined, taskKey);
    if (mock) return mockSelection(mock, component, context, {});
    return { executor: new ImporterExecutor(executor.importer) };
  }
  const container = executor.container;
  if (!container) {
    throw new UnsupportedTaskError(
      `task '${taskPath}' uses a ${Object.keys(executor)[0]} executor, which cannot run locally.`,
    );
  }
  const env = containerEnv(container);
  const fn = functionName(container);
  const mock = findMock(context.mocks, fn, taskKey);
  if (mock) return mockSelection(mock, component, context, env);
  const python = isPythonComponent(container);
  const typescript = fn !== undefined && !python;
  if (typescript && context.runner === 'in-process') {
    const definition = context.registry.get(fn);
    if (!definition && shipsItsCode(container)) {
      // IR from a file, without the pipeline's module: the command carries the bundle, run that.
      context.warn?.(
        `component '${fn}' is not among the in-process components; running its bundled command on this machine.`,
      );
      return {
        executor: new SubprocessExecutor(component.outputDefinitions, {
          assetsDir: context.assetsDir,
          env: context.env,
        }),
      };
    }
    if (!definition) {
      throw new UnsupportedTaskError(
        `task '${taskPath}' runs the TypeScript component '${fn}', which is not among the components this run knows ` +
          `(${[...context.registry.keys()].join(', ') || 'none'}). Run the pipeline object (runPipeline) so its components are found, ` +
          `pass registry: createRegistry(...), or use runner 'subprocess' with the compiled assets.`,
      );
    }
    const inProcess = new InProcessExecutor(definition, context.functionExecutor, context.gate, env);
    return {
      executor:
        context.workers && definition.source
          ? new WorkerExecutor(definition, context.workers, env, inProcess)
          : inProcess,
      code: `fn:${sha256(definition.run.toString())}`,
    };
  }
  const subprocess = () =>
    new SubprocessExecutor(component.outputDefinitions, { assetsDir: context.assetsDir, env: context.env });
  if (typescript && context.runner === 'subprocess') return { executor: subprocess() };
  const onHost = context.hostImages.includes('*') || context.hostImages.includes(container.image);
  if (python && context.runner !== 'docker' && !onHost) {
    throw new UnsupportedTaskError(
      `task '${taskPath}' is a Python lightweight component (python3 -m kfp.dsl.executor_main${fn ? `, function '${fn}'` : ''}); ` +
        "it needs Python and the kfp package inside its image. Run with runner 'docker', or mock it: mocks: { '" +
        `${fn ?? taskKey}': (inputs) => ({ ... }) }.`,
    );
  }
  if (onHost && !typescript) return { executor: subprocess() };
  const engine = await detectEngine(context.containerEngine);
  if (!engine) {
    throw new UnsupportedTaskError(
      `task '${taskPath}' runs the image ${container.image}, and no container engine answers ` +
        `(\`${context.containerEngine ?? 'docker'} info\` failed${context.containerEngine ? '' : ', and so did `podman info`'}). ` +
        `Start Docker or Podman, run the image's command on this machine with hostImages: ['${container.image}'], or mock the component.`,
    );
  }
  return {
    executor: new DockerExecutor(engine, component.outputDefinitions, {
      outputDir: context.outputDir,
      assetsDir: context.assetsDir,
      env: context.env,
    }),
  };
}

function mockSelection(
  mock: MockFunction,
  component: ComponentSpec,
  context: SelectContext,
  env: Record<string, string>,
): Selection {
  return {
    executor: new MockExecutor(mock, component, context.gate, env),
    code: `mock:${sha256(mock.toString())}`,
  };
}
