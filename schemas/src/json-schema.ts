// JSON Schema documents generated from the zod schemas, for editors (yaml-language-server) and other
// languages. scripts/gen-json-schema.ts writes them to schemas/json/; the content is deterministic.
import { z } from 'zod';
import { ExecutorInputSchema, ExecutorOutputSchema } from './executor-io.js';
import { PipelineSpecSchema } from './pipeline-spec.js';
import { PlatformSpecSchema } from './platform-spec.js';
import { V1ComponentSpecSchema } from './v1-component.js';

type JsonSchema = { [key: string]: unknown };

export interface JsonSchemaFile {
  /** File name inside schemas/json/. */
  fileName: string;
  schema: JsonSchema;
}

const ID_PREFIX = 'urn:kfp-ts:schemas:';

const FILES = [
  {
    fileName: 'pipeline-spec.schema.json',
    schema: PipelineSpecSchema,
    title: 'KFP v2 PipelineSpec (IR YAML, schemaVersion 2.1.0)',
    description:
      'A compiled Kubeflow Pipelines / Vertex AI pipeline in proto3 JSON form, as the KFP compiler writes it. ' +
      'Validates the first YAML document; unknown fields are errors.',
  },
  {
    fileName: 'platform-spec.schema.json',
    schema: PlatformSpecSchema,
    title: 'KFP v2 PlatformSpec',
    description: 'The optional second YAML document of a compiled pipeline (kfp-kubernetes, PipelineConfig).',
  },
  {
    fileName: 'executor-input.schema.json',
    schema: ExecutorInputSchema,
    title: 'KFP ExecutorInput',
    description: 'The JSON a KFP v2 component receives through --executor_input (the {{$}} placeholder).',
  },
  {
    fileName: 'executor-output.schema.json',
    schema: ExecutorOutputSchema,
    title: 'KFP ExecutorOutput',
    description: 'The JSON a KFP v2 component writes to outputs.outputFile.',
  },
  {
    fileName: 'v1-component.schema.json',
    schema: V1ComponentSpecSchema,
    title: 'KFP v1 component.yaml',
    description:
      'A KFP v1 component definition: container image, inputs, outputs, command line with placeholders.',
  },
] as const;

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Object keys sorted at every level (array order is meaningful and kept), so output is stable. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const sorted: JsonSchema = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

function collectRefs(value: unknown, refs: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, refs);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') refs.add(item);
      else collectRefs(item, refs);
    }
  }
}

/**
 * Readability fixes on zod's output: a JSON value is "anything" (`{}`) rather than zod's recursive
 * six-way union, the root definition is inlined instead of being a lone `$ref`, and only definitions
 * reachable from the root are kept.
 */
function simplify(generated: JsonSchema): JsonSchema {
  const { definitions: generatedDefinitions, ...generatedRoot } = generated;
  const definitions = { ...(generatedDefinitions as JsonSchema | undefined) };
  const jsonValue = definitions.JsonValue;
  if (isObject(jsonValue)) definitions.JsonValue = { description: jsonValue.description };

  let root: JsonSchema = generatedRoot;
  const rootRef = typeof root.$ref === 'string' ? root.$ref.replace('#/definitions/', '') : undefined;
  if (rootRef !== undefined && isObject(definitions[rootRef])) {
    const { $ref: _ref, ...rest } = root;
    root = { ...rest, ...definitions[rootRef] };
  }

  const reachable = new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const refs = new Set<string>();
    collectRefs(pending.pop(), refs);
    for (const ref of refs) {
      const name = ref.replace('#/definitions/', '');
      if (!reachable.has(name) && isObject(definitions[name])) {
        reachable.add(name);
        pending.push(definitions[name]);
      }
    }
  }
  const kept: JsonSchema = {};
  for (const name of [...reachable].sort()) kept[name] = definitions[name];
  return { ...root, definitions: kept };
}

/** The JSON Schema documents of this package, in a stable form ready to be written as 2-space JSON. */
export function buildJsonSchemas(): JsonSchemaFile[] {
  return FILES.map(({ fileName, schema, title, description }) => {
    // draft-07 is what editors (yaml-language-server, VS Code) support best.
    const generated = z.toJSONSchema(schema, { target: 'draft-07' }) as JsonSchema;
    const { $schema, definitions, ...body } = simplify(generated);
    const header = {
      $schema,
      $id: `${ID_PREFIX}${fileName.replace('.schema.json', '')}`,
      title,
      description,
    };
    // The header first and the (long) definitions last, so the file reads top-down.
    return {
      fileName,
      schema: { ...header, ...(sortKeys(body) as JsonSchema), definitions: sortKeys(definitions) },
    };
  });
}
