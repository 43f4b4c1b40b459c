import type {
  ContainerArg,
  ContainerComponentDefinition,
  FunctionComponentDefinition,
  ImporterDefinition,
  PipelineTask,
} from '@kfp-ts/dsl';
import { isStructuredPlaceholder } from '@kfp-ts/dsl';
import type { ExecutorSpec } from '@kfp-ts/schemas';
import { artifactTypeOf } from './definitions.js';
import type { FunctionExecutorStrategy } from './function-executor.js';
import { cpuToFloat, memoryToFloat } from './resources.js';

/** Setting values after references were replaced by input placeholders. */
export interface ResolvedSettings {
  readonly cpuRequest?: string;
  readonly cpuLimit?: string;
  readonly memoryRequest?: string;
  readonly memoryLimit?: string;
  readonly acceleratorType?: string;
  readonly acceleratorCount?: string;
  readonly image?: string;
  /** Which of the above came from run-time values (then only the string fields are written). */
  readonly dynamic: ReadonlySet<string>;
}

export interface ExecutorContext {
  readonly functionExecutor: FunctionExecutorStrategy;
  readonly defaultImage: string;
}

/** The executor of a task: a container (function or container component) or an importer. */
export function executorSpec(
  task: PipelineTask<any>,
  settings: ResolvedSettings,
  context: ExecutorContext,
): ExecutorSpec {
  const definition = task.component;
  if (definition.kind === 'importer') return { importer: importerSpec(definition) };
  const container =
    definition.kind === 'function'
      ? functionContainer(definition, settings, context)
      : containerOf(definition as ContainerComponentDefinition, settings);
  const env = mergedEnv(definition.kind === 'container' ? definition.env : undefined, task.settings.env);
  if (env.length) (container as Record<string, unknown>).env = env;
  const resources = resourcesOf(settings);
  if (resources) (container as Record<string, unknown>).resources = resources;
  return { container } as ExecutorSpec;
}

function functionContainer(
  definition: FunctionComponentDefinition,
  settings: ResolvedSettings,
  context: ExecutorContext,
) {
  const image = settings.image ?? definition.image ?? context.defaultImage;
  const { command, args } = context.functionExecutor(definition, image);
  return { image, command: [...command], args: [...args] };
}

function containerOf(definition: ContainerComponentDefinition, settings: ResolvedSettings) {
  const container: Record<string, unknown> = { image: settings.image ?? definition.image };
  if (definition.command.length) container.command = definition.command.map(renderArg);
  if (definition.args.length) container.args = definition.args.map(renderArg);
  return container;
}

/** Component env first, task env after; a task setting replaces the component's value in place. */
function mergedEnv(
  component: Readonly<Record<string, string>> | undefined,
  task: Readonly<Record<string, string>> | undefined,
) {
  const merged = new Map<string, string>(Object.entries(component ?? {}));
  for (const [name, value] of Object.entries(task ?? {})) merged.set(name, value);
  return [...merged].map(([name, value]) => ({ name, value }));
}

/**
 * Structured placeholders are written as JSON strings inside the command list, the way KFP
 * writes them (`{"Concat": [...]}`, `{"IfPresent": {...}}`, Python's `", "` separators).
 */
export function renderArg(arg: ContainerArg): string {
  return typeof arg === 'string' ? arg : pythonJson(placeholderJson(arg));
}

function placeholderJson(arg: ContainerArg): unknown {
  if (typeof arg === 'string' || !isStructuredPlaceholder(arg)) return arg;
  if (arg.type === 'concat') return { Concat: arg.items.map(placeholderJson) };
  const branch = (value: ContainerArg | readonly ContainerArg[]) =>
    Array.isArray(value) ? value.map(placeholderJson) : placeholderJson(value as ContainerArg);
  const body: Record<string, unknown> = { InputName: arg.inputName, Then: branch(arg.whenPresent) };
  if (arg.whenAbsent !== undefined) body.Else = branch(arg.whenAbsent);
  return { IfPresent: body };
}

function pythonJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function resourcesOf(s: ResolvedSettings): Record<string, unknown> | undefined {
  const r: Record<string, unknown> = {};
  const literal = (key: string) => !s.dynamic.has(key);
  if (s.cpuRequest !== undefined) {
    r.resourceCpuRequest = s.cpuRequest;
    if (literal('cpuRequest')) r.cpuRequest = cpuToFloat(s.cpuRequest);
  }
  if (s.cpuLimit !== undefined) {
    r.resourceCpuLimit = s.cpuLimit;
    if (literal('cpuLimit')) r.cpuLimit = cpuToFloat(s.cpuLimit);
  }
  if (s.memoryRequest !== undefined) {
    r.resourceMemoryRequest = s.memoryRequest;
    if (literal('memoryRequest')) r.memoryRequest = memoryToFloat(s.memoryRequest);
  }
  if (s.memoryLimit !== undefined) {
    r.resourceMemoryLimit = s.memoryLimit;
    if (literal('memoryLimit')) r.memoryLimit = memoryToFloat(s.memoryLimit);
  }
  if (s.acceleratorType !== undefined || s.acceleratorCount !== undefined) {
    const accelerator: Record<string, unknown> = {};
    const count = s.acceleratorCount ?? '1';
    if (s.acceleratorType !== undefined) {
      accelerator.resourceType = s.acceleratorType;
      if (literal('acceleratorType')) accelerator.type = s.acceleratorType;
    }
    accelerator.resourceCount = count;
    if (literal('acceleratorCount')) accelerator.count = String(Number.parseInt(count, 10));
    r.accelerator = accelerator;
  }
  return Object.keys(r).length ? r : undefined;
}

function importerSpec(definition: ImporterDefinition) {
  const spec: Record<string, unknown> = {
    artifactUri:
      definition.constantUri !== undefined
        ? { constant: definition.constantUri }
        : { runtimeParameter: 'uri' },
    typeSchema: artifactTypeOf(definition.artifactType),
  };
  if (definition.metadata && Object.keys(definition.metadata).length) spec.metadata = definition.metadata;
  if (definition.reimport) spec.reimport = true;
  return spec as NonNullable<ExecutorSpec['importer']>;
}
