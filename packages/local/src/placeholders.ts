/**
 * KFP placeholders: `{{$}}`, `{{$.inputs.parameters['x']}}`, `{{$.inputs.artifacts['x'].path}}`,
 * `{{$.outputs.parameters['x'].output_file}}`, `{{$.pipeline_job_name}}`... inside container commands
 * and string constants, plus the JSON-string structured placeholders `{"Concat": [...]}` and
 * `{"IfPresent": {...}}` that expand to zero or more arguments. An unknown or unresolvable
 * placeholder is an error: passing its text through would hand a program a wrong argument.
 */
import type { ExecutorInput, JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';

export class PlaceholderError extends Error {
  override readonly name = 'PlaceholderError';
}

export interface PlaceholderContext {
  /** Parameter values by input name (task inputs, including undeclared `pipelinechannel--*` ones). */
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly executorInput?: ExecutorInput;
  /** Local path of an artifact URI. */
  readonly uriToPath?: (uri: string) => string;
  readonly runtime: Readonly<Record<string, string>>;
}

/** Values of the runtime placeholders (`{{$.pipeline_job_name}}` -> `pipeline_job_name`). */
export function runtimeValues(values: {
  jobName: string;
  taskName: string;
  taskUuid: string;
  jobUuid: string;
  pipelineRoot: string;
  createTime: string;
  workspacePath: string;
}): Record<string, string> {
  return {
    pipeline_job_name: values.jobName,
    pipeline_job_resource_name: values.jobName,
    pipeline_job_uuid: values.jobUuid,
    pipeline_task_name: values.taskName,
    pipeline_task_uuid: values.taskUuid,
    pipeline_root: values.pipelineRoot,
    pipeline_job_create_time_utc: values.createTime,
    pipeline_job_schedule_time_utc: values.createTime,
    workspace_path: values.workspacePath,
  };
}

const PLACEHOLDER = /\{\{\$(?:[^{}]*)\}\}/g;

export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

/** Replaces every placeholder inside a string. */
export function substitute(text: string, context: PlaceholderContext): string {
  return text.replace(PLACEHOLDER, (placeholder) => resolve(placeholder, context));
}

function render(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const IO = /^\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']*)'\](.*)\}\}$/;

function resolve(placeholder: string, context: PlaceholderContext): string {
  if (placeholder === '{{$}}') {
    if (!context.executorInput)
      throw new PlaceholderError('{{$}} (the executor input) is not available here.');
    return JSON.stringify(context.executorInput);
  }
  if (placeholder === '{{$.outputs.output_file}}') {
    const file = context.executorInput?.outputs?.outputFile;
    if (!file) throw new PlaceholderError(`${placeholder} is not available here.`);
    return file;
  }
  const runtime = /^\{\{\$\.([a-z_]+)\}\}$/.exec(placeholder);
  if (runtime) {
    const value = context.runtime[runtime[1]!];
    if (value === undefined) throw new PlaceholderError(`unknown placeholder ${placeholder}.`);
    return value;
  }
  const io = IO.exec(placeholder);
  if (!io) throw new PlaceholderError(`unsupported placeholder ${placeholder}.`);
  const [, side, kind, name, rest] = io as unknown as [string, 'inputs' | 'outputs', string, string, string];
  if (kind === 'parameters') {
    if (side === 'inputs') {
      if (rest !== '') throw new PlaceholderError(`unsupported placeholder ${placeholder}.`);
      const value = context.parameters[name];
      if (value === undefined)
        throw new PlaceholderError(`${placeholder}: input parameter '${name}' has no value.`);
      return render(value);
    }
    if (rest !== '.output_file') throw new PlaceholderError(`unsupported placeholder ${placeholder}.`);
    const file = context.executorInput?.outputs?.parameters?.[name]?.outputFile;
    if (!file) throw new PlaceholderError(`${placeholder}: no output parameter '${name}'.`);
    return file;
  }
  const list = (side === 'inputs' ? context.executorInput?.inputs : context.executorInput?.outputs)
    ?.artifacts?.[name]?.artifacts;
  if (!list)
    throw new PlaceholderError(
      `${placeholder}: no ${side === 'inputs' ? 'input' : 'output'} artifact '${name}'.`,
    );
  if (rest === '') return JSON.stringify(list.map(plainArtifact));
  const first = list[0];
  if (!first) throw new PlaceholderError(`${placeholder}: artifact '${name}' is an empty list.`);
  const uri = first.uri ?? '';
  if (rest === '.uri') return uri;
  if (rest === '.path') return context.uriToPath ? context.uriToPath(uri) : uri;
  if (rest === '.metadata') return JSON.stringify(first.metadata ?? {});
  const key = /^\.metadata\['([^']*)'\]$/.exec(rest);
  if (key) {
    const value = first.metadata?.[key[1]!];
    if (value === undefined)
      throw new PlaceholderError(`${placeholder}: artifact '${name}' has no metadata '${key[1]}'.`);
    return render(value);
  }
  throw new PlaceholderError(`unsupported placeholder ${placeholder}.`);
}

function plainArtifact(a: RuntimeArtifact) {
  return { name: a.name ?? '', type: a.type, uri: a.uri ?? '', metadata: a.metadata ?? {} };
}

type Structured =
  | { Concat: unknown[] }
  | { IfPresent: { InputName: string; Then?: unknown[]; Else?: unknown[] } };

function parseStructured(arg: string): Structured | undefined {
  if (!arg.startsWith('{"Concat"') && !arg.startsWith('{"IfPresent"')) return undefined;
  try {
    const parsed = JSON.parse(arg) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && ('Concat' in parsed || 'IfPresent' in parsed))
      return parsed as Structured;
  } catch {
    // Not JSON after all: an ordinary argument that happens to start like one.
  }
  return undefined;
}

/** Expands one command/args entry to the arguments it stands for (IfPresent may give none or several). */
export function expandArgument(arg: unknown, context: PlaceholderContext): string[] {
  if (typeof arg === 'string') {
    const structured = parseStructured(arg);
    return structured ? expandStructured(structured, context) : [substitute(arg, context)];
  }
  if (arg && typeof arg === 'object') return expandStructured(arg as Structured, context);
  throw new PlaceholderError(`unexpected argument ${JSON.stringify(arg)}.`);
}

function expandStructured(value: Structured, context: PlaceholderContext): string[] {
  if ('Concat' in value) {
    if (!Array.isArray(value.Concat)) throw new PlaceholderError('Concat needs a list.');
    return [value.Concat.flatMap((item) => expandArgument(item, context)).join('')];
  }
  const body = value.IfPresent;
  if (!body || typeof body.InputName !== 'string')
    throw new PlaceholderError('IfPresent needs an InputName.');
  const present =
    context.parameters[body.InputName] !== undefined ||
    (context.executorInput?.inputs?.artifacts?.[body.InputName]?.artifacts?.length ?? 0) > 0;
  const branch = present ? body.Then : body.Else;
  return (branch ?? []).flatMap((item) => expandArgument(item, context));
}
