import type { ComponentDefinition } from './component-definition.js';
import { PipelineDefinitionError } from './errors.js';
import type { AnyRef, ParamRef } from './refs.js';
import { hasTemplateRefs, isArtifactRef, isParamRef, isRef, splitTemplate } from './refs.js';
import type { ArtifactSpec, IOSpec, ParamSpec } from './specs.js';
import { isParamSpec } from './specs.js';
import type { TasksGroup } from './tasks-group.js';
import { producerOf, visibilityProblem } from './visibility.js';

/**
 * Checks a component call's arguments at run time (TypeScript checks the same at compile time,
 * but JavaScript callers and components loaded from YAML have no static types) and returns the
 * arguments without `undefined` entries.
 */
export function checkArguments(
  component: ComponentDefinition<any, any>,
  args: Record<string, unknown>,
  consumer: TasksGroup,
  where: string,
): Record<string, unknown> {
  const fail = (message: string, fix?: string): never => {
    throw new PipelineDefinitionError(message, fix === undefined ? { where } : { where, fix });
  };
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    fail(`the arguments of '${component.name}' must be an object of input values.`);
  }
  const known = Object.keys(component.inputs);
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const spec = component.inputs[key] as IOSpec | undefined;
    if (!spec) {
      fail(
        `component '${component.name}' has no input '${key}'.`,
        known.length ? `Its inputs are: ${known.join(', ')}.` : 'It takes no inputs.',
      );
    }
    if (value === undefined) continue;
    checkArgument(key, spec!, value, component.name, fail);
    for (const ref of refsIn(value)) {
      const problem = visibilityProblem(ref, consumer);
      if (problem) fail(`input '${key}': ${problem.message}`, problem.fix);
    }
    clean[key] = value;
  }
  for (const [key, spec] of Object.entries(component.inputs as Record<string, IOSpec>)) {
    if (!(key in clean) && !spec.optional) {
      fail(
        `component '${component.name}' needs input '${key}' (${describeSpec(spec)}), which was not given.`,
      );
    }
  }
  return clean;
}

/** Every reference an argument value mentions (directly or inside a template string). */
export function refsIn(value: unknown): AnyRef[] {
  if (isRef(value)) return [value];
  if (typeof value === 'string' && hasTemplateRefs(value)) {
    return splitTemplate(value).filter((part): part is ParamRef => typeof part !== 'string');
  }
  return [];
}

function checkArgument(
  key: string,
  spec: IOSpec,
  value: unknown,
  componentName: string,
  fail: (message: string, fix?: string) => never,
): void {
  const expected = describeSpec(spec);
  if (!isParamSpec(spec)) {
    if (!isArtifactRef(value)) {
      fail(
        `input '${key}' of '${componentName}' is an artifact (${expected}) but got ${describeValue(value)}.`,
        'Pass an artifact output of an upstream task, an importer, or a pipeline artifact input.',
      );
    }
    const artifactSpec = spec as ArtifactSpec;
    const ref = value as AnyRef & { schemaTitle: string; isList: boolean };
    const generic = 'system.Artifact';
    if (
      ref.schemaTitle !== artifactSpec.type.schemaTitle &&
      ref.schemaTitle !== generic &&
      artifactSpec.type.schemaTitle !== generic
    ) {
      fail(`input '${key}' of '${componentName}' expects ${expected} but got ${describeValue(value)}.`);
    }
    if (ref.isList !== artifactSpec.isList) {
      fail(
        `input '${key}' of '${componentName}' expects ${expected} but got ${describeValue(value)}.`,
        artifactSpec.isList ? 'Gather loop outputs with collected().' : undefined,
      );
    }
    return;
  }
  const paramSpec = spec as ParamSpec;
  if (paramSpec.kind === 'TASK_FINAL_STATUS') {
    fail(
      `input '${key}' of '${componentName}' is the task final status; the pipeline fills it in.`,
      'Leave it out.',
    );
  }
  if (isArtifactRef(value)) {
    fail(
      `input '${key}' of '${componentName}' is a parameter (${expected}) but got ${describeValue(value)}.`,
    );
  }
  if (isParamRef(value)) {
    if (value.source.type === 'loop-item' && value.source.selector.length > 0) return; // field of a struct item: typed by TypeScript only
    if (!kindAccepts(paramSpec.kind, value.kind)) {
      fail(`input '${key}' of '${componentName}' expects ${expected} but got ${describeValue(value)}.`);
    }
    return;
  }
  const ok = literalMatches(paramSpec, value);
  if (ok !== true)
    fail(
      `input '${key}' of '${componentName}' expects ${expected} but got ${describeValue(value)}${ok ? `: ${ok}` : ''}.`,
    );
}

/** Exact kinds as in KFP, plus the lossless int -> float. */
export function kindAccepts(expected: string, given: string): boolean {
  return expected === given || (expected === 'NUMBER_DOUBLE' && given === 'NUMBER_INTEGER');
}

function literalMatches(spec: ParamSpec, value: unknown): true | string | false {
  switch (spec.kind) {
    case 'STRING':
      return typeof value === 'string';
    case 'NUMBER_INTEGER':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? true
        : typeof value === 'number'
          ? 'not a whole number'
          : false;
    case 'NUMBER_DOUBLE':
      return typeof value === 'number' && Number.isFinite(value);
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'LIST':
    case 'STRUCT': {
      const shapeOk = spec.kind === 'LIST' ? Array.isArray(value) : isPlainObject(value);
      if (!shapeOk) return false;
      if (containsRef(value))
        return 'references inside list or struct literals are not supported; build the value in a component';
      if (spec.schema) {
        const target = spec.kind === 'LIST' ? (value as unknown[]) : value;
        const result =
          spec.kind === 'LIST'
            ? (target as unknown[]).map((item) => spec.schema!.safeParse(item)).find((r) => !r.success)
            : spec.schema.safeParse(target);
        if (result && !result.success)
          return result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
      }
      return true;
    }
    default:
      return false;
  }
}

function containsRef(value: unknown): boolean {
  if (isRef(value)) return true;
  if (typeof value === 'string') return hasTemplateRefs(value);
  if (Array.isArray(value)) return value.some(containsRef);
  if (isPlainObject(value)) return Object.values(value).some(containsRef);
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const KIND_WORDS: Record<string, string> = {
  STRING: 'a string',
  NUMBER_INTEGER: 'an integer',
  NUMBER_DOUBLE: 'a float',
  NUMBER: 'a number',
  BOOLEAN: 'a boolean',
  LIST: 'a list',
  STRUCT: 'a struct',
  TASK_FINAL_STATUS: 'the task final status',
};

export function describeSpec(spec: IOSpec): string {
  if (isParamSpec(spec)) return KIND_WORDS[spec.kind] ?? spec.kind;
  return spec.isList ? `a list of ${spec.type.schemaTitle}` : `an artifact of type ${spec.type.schemaTitle}`;
}

export function describeValue(value: unknown): string {
  if (isParamRef(value)) return `${KIND_WORDS[value.kind] ?? value.kind} from ${describeSource(value)}`;
  if (isArtifactRef(value)) {
    const what = value.isList ? `a list of ${value.schemaTitle}` : `an artifact of type ${value.schemaTitle}`;
    return `${what} from ${describeSource(value)}`;
  }
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function describeSource(ref: AnyRef): string {
  const source = ref.source;
  switch (source.type) {
    case 'pipeline-input':
      return `pipeline input '${source.name}'`;
    case 'task-output':
      return `output '${source.output}' of task '${source.task.name}'`;
    case 'loop-item':
      return `the item of ${source.loop.name}`;
    case 'collected':
      return `collected(...) of ${source.loop.name}`;
    case 'one-of':
      return `oneOf(...) of ${source.branches.name}`;
  }
}

export { producerOf };
