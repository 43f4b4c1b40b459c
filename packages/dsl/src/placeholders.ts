import { BRAND, hasBrand } from './brand.js';

/**
 * KFP's runtime placeholders, usable in container commands and as string arguments: the backend
 * replaces them when the task runs.
 */
export const PIPELINE_JOB_NAME = '{{$.pipeline_job_name}}';
export const PIPELINE_JOB_RESOURCE_NAME = '{{$.pipeline_job_resource_name}}';
export const PIPELINE_JOB_ID = '{{$.pipeline_job_uuid}}';
export const PIPELINE_TASK_NAME = '{{$.pipeline_task_name}}';
export const PIPELINE_TASK_ID = '{{$.pipeline_task_uuid}}';
export const PIPELINE_ROOT = '{{$.pipeline_root}}';
export const PIPELINE_JOB_CREATE_TIME_UTC = '{{$.pipeline_job_create_time_utc}}';
export const PIPELINE_JOB_SCHEDULE_TIME_UTC = '{{$.pipeline_job_schedule_time_utc}}';
/** The whole ExecutorInput JSON. */
export const EXECUTOR_INPUT = '{{$}}';

/** `concat(...)`: one argument made of several parts (KFP's ConcatPlaceholder). */
export interface ConcatPlaceholder {
  readonly [BRAND]: 'placeholder';
  readonly type: 'concat';
  readonly items: readonly ContainerArg[];
}

/** `ifPresent(...)`: arguments that depend on whether an optional input was given. */
export interface IfPresentPlaceholder {
  readonly [BRAND]: 'placeholder';
  readonly type: 'if-present';
  readonly inputName: string;
  /** One argument or a list; kept as given because KFP writes a single value bare (`"Then": "x"`). */
  readonly whenPresent: ContainerArg | readonly ContainerArg[];
  readonly whenAbsent: ContainerArg | readonly ContainerArg[] | undefined;
}

/** One element of a container's command or args. */
export type ContainerArg = string | ConcatPlaceholder | IfPresentPlaceholder;

export function isStructuredPlaceholder(value: unknown): value is ConcatPlaceholder | IfPresentPlaceholder {
  return hasBrand(value, 'placeholder');
}

export function concat(...items: ContainerArg[]): ConcatPlaceholder {
  return Object.freeze({
    [BRAND]: 'placeholder' as const,
    type: 'concat' as const,
    items: Object.freeze([...items]),
  });
}

export function ifPresent(
  inputName: string,
  then: ContainerArg | readonly ContainerArg[],
  otherwise?: ContainerArg | readonly ContainerArg[],
): IfPresentPlaceholder {
  const keep = (v: ContainerArg | readonly ContainerArg[]) =>
    (Array.isArray(v) ? Object.freeze([...v]) : v) as ContainerArg | readonly ContainerArg[];
  return Object.freeze({
    [BRAND]: 'placeholder' as const,
    type: 'if-present' as const,
    inputName,
    whenPresent: keep(then),
    whenAbsent: otherwise === undefined ? undefined : keep(otherwise),
  });
}

const quote = (name: string) => `'${name}'`;

/** Placeholder text for an input parameter's value. */
export const inputValue = (name: string) => `{{$.inputs.parameters[${quote(name)}]}}`;
/** Placeholder texts for an input artifact. */
export const inputArtifact = (name: string) => ({
  path: `{{$.inputs.artifacts[${quote(name)}].path}}`,
  uri: `{{$.inputs.artifacts[${quote(name)}].uri}}`,
  metadata: `{{$.inputs.artifacts[${quote(name)}].metadata}}`,
  /** A list-of-artifacts input, as JSON. */
  list: `{{$.inputs.artifacts[${quote(name)}]}}`,
});
/** Placeholder text for the file an output parameter is written to. */
export const outputParameterPath = (name: string) => `{{$.outputs.parameters[${quote(name)}].output_file}}`;
/** Placeholder texts for an output artifact. */
export const outputArtifact = (name: string) => ({
  path: `{{$.outputs.artifacts[${quote(name)}].path}}`,
  uri: `{{$.outputs.artifacts[${quote(name)}].uri}}`,
  metadata: `{{$.outputs.artifacts[${quote(name)}].metadata}}`,
  list: `{{$.outputs.artifacts[${quote(name)}]}}`,
});
/** The file the executor output (metadata) JSON is written to. */
export const OUTPUT_METADATA_FILE = '{{$.outputs.output_file}}';
