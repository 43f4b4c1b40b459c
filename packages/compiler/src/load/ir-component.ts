/**
 * A compiled KFP v2 IR document (already validated) as a kfp-ts definition. KFP's rule decides
 * what it is: a compiled single component has an executor named after the pipeline
 * (`exec-<sanitised pipelineInfo.name>`) which the root DAG's only task runs; anything else is a
 * pipeline.
 *
 * - A single container component becomes a container definition: its inputs and outputs are the
 *   task's component's definitions (KFP reads `components['comp-<name>']`, falling back to the
 *   root; for a compiled component the two agree), its container the executor's image, command,
 *   args and env. Placeholder strings, JSON-encoded `{"Concat": ...}` ones included, are kept
 *   as they are: the compiler writes them back unchanged.
 * - A pipeline becomes an `ir-pipeline` definition that keeps the whole document; the compiler
 *   merges it as a nested pipeline. Its inputs and outputs are the root's.
 */
import type {
  ContainerComponentDefinition,
  IOSpec,
  IOSpecs,
  IrPipelineDefinition,
  ParamKind,
} from '@kfp-ts/dsl';
import { sanitizeName } from '@kfp-ts/dsl';
import type { ComponentSpec, InputDefinitions, OutputDefinitions, PipelineSpec } from '@kfp-ts/schemas';
import { artifactSpecOf, artifactTypeOf, paramSpecOf } from './io-specs.js';
import { type DocumentPath, fail } from './load-issues.js';

export function irDefinition(
  spec: PipelineSpec,
  document: Readonly<Record<string, unknown>>,
  fallbackDescription: string | undefined,
): ContainerComponentDefinition | IrPipelineDefinition {
  const name = spec.pipelineInfo.name;
  const description = spec.pipelineInfo.description ?? fallbackDescription;
  const single = singleContainer(spec);
  if (single) {
    const { component, componentPath, container, executorPath } = single;
    const env = Object.fromEntries(
      (container.env ?? []).map((variable) => [variable.name, variable.value ?? '']),
    );
    return {
      kind: 'container',
      name,
      ...(description !== undefined ? { description } : {}),
      inputs: inputSpecs(component.inputDefinitions, [...componentPath, 'inputDefinitions']),
      outputs: outputSpecs(component.outputDefinitions, [...componentPath, 'outputDefinitions']),
      image: container.image,
      command: [...(container.command ?? [])],
      args: [...(container.args ?? [])],
      // Resources are task settings, and KFP ignores an executor's resources here too.
      ...(Object.keys(env).length ? { env } : {}),
      ...(container.lifecycle ? lifecycleUnsupported([...executorPath, 'container', 'lifecycle']) : {}),
    };
  }
  return {
    kind: 'ir-pipeline',
    name,
    ...(description !== undefined ? { description } : {}),
    inputs: inputSpecs(spec.root.inputDefinitions, ['root', 'inputDefinitions']),
    outputs: outputSpecs(spec.root.outputDefinitions, ['root', 'outputDefinitions']),
    spec: document,
  };
}

/** Container definitions have no lifecycle field, so the hook would be lost. */
function lifecycleUnsupported(path: DocumentPath): never {
  return fail(path, 'container lifecycle hooks are not supported by kfp-ts container components');
}

type Container = NonNullable<
  NonNullable<NonNullable<PipelineSpec['deploymentSpec']>['executors']>[string]['container']
>;

/** The component, container and paths of a compiled single container component, if it is one. */
function singleContainer(spec: PipelineSpec):
  | {
      component: ComponentSpec;
      componentPath: DocumentPath;
      container: Container;
      executorPath: DocumentPath;
    }
  | undefined {
  const label = `exec-${sanitizeName(spec.pipelineInfo.name)}`;
  const container = spec.deploymentSpec?.executors?.[label]?.container;
  const tasks = Object.values(spec.root.dag?.tasks ?? {});
  if (!container || tasks.length !== 1) return undefined;
  const key = tasks[0]!.componentRef.name;
  const component = spec.components?.[key];
  if (component?.executorLabel !== label) return undefined;
  return {
    component,
    componentPath: ['components', key],
    container,
    executorPath: ['deploymentSpec', 'executors', label],
  };
}

/** Parameter types of schema 2.0.0 (`type:`), in today's terms. */
const LEGACY_TYPES: Readonly<Record<string, ParamKind>> = {
  INT: 'NUMBER_INTEGER',
  DOUBLE: 'NUMBER_DOUBLE',
  STRING: 'STRING',
};

function parameterKind(
  definition: { parameterType?: string | undefined; type?: string | undefined },
  path: DocumentPath,
): ParamKind {
  const kind = definition.parameterType ?? LEGACY_TYPES[definition.type ?? ''];
  if (kind === undefined || kind === 'TASK_CONFIG') {
    return fail(path, `parameter type ${kind ?? definition.type} is not supported by kfp-ts`);
  }
  return kind as ParamKind;
}

function artifactTypeAt(
  type: { schemaTitle?: string | undefined; schemaVersion?: string | undefined },
  path: DocumentPath,
) {
  if (type.schemaTitle === undefined) {
    return fail(
      [...path, 'artifactType'],
      'an artifact type without schemaTitle (instanceSchema, schemaUri) is not supported by kfp-ts',
    );
  }
  try {
    return artifactTypeOf(type.schemaTitle, type.schemaVersion ?? '0.0.1');
  } catch (error) {
    return fail([...path, 'artifactType'], (error as Error).message);
  }
}

function inputSpecs(definitions: InputDefinitions | undefined, path: DocumentPath): IOSpecs {
  const specs: Record<string, IOSpec> = {};
  for (const [name, definition] of Object.entries(definitions?.parameters ?? {})) {
    const at = [...path, 'parameters', name];
    specs[name] = paramSpecOf(parameterKind(definition, [...at, 'parameterType']), {
      default: definition.defaultValue ?? undefined,
      // IR written by kfp<=2.0.0b8 has defaults without isOptional; KFP reads those as optional.
      optional: definition.isOptional ?? definition.defaultValue !== undefined,
      description: definition.description,
    });
  }
  for (const [name, definition] of Object.entries(definitions?.artifacts ?? {})) {
    const at = [...path, 'artifacts', name];
    specs[name] = artifactSpecOf(artifactTypeAt(definition.artifactType, at), {
      isList: definition.isArtifactList,
      optional: definition.isOptional,
      description: definition.description,
    });
  }
  return specs;
}

function outputSpecs(definitions: OutputDefinitions | undefined, path: DocumentPath): IOSpecs {
  const specs: Record<string, IOSpec> = {};
  for (const [name, definition] of Object.entries(definitions?.parameters ?? {})) {
    const at = [...path, 'parameters', name];
    specs[name] = paramSpecOf(parameterKind(definition, [...at, 'parameterType']), {
      description: definition.description,
    });
  }
  for (const [name, definition] of Object.entries(definitions?.artifacts ?? {})) {
    const at = [...path, 'artifacts', name];
    specs[name] = artifactSpecOf(artifactTypeAt(definition.artifactType, at), {
      isList: definition.isArtifactList,
      description: definition.description,
    });
  }
  return specs;
}
