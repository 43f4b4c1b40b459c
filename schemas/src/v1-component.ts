// The KFP v1 `component.yaml` format: a container image plus a command line with placeholder objects
// such as `{inputValue: x}`. KFP v2 still loads these files (load_component_from_file), and many
// published components exist only in this form.
import { z } from 'zod';
import { type JsonObject, JsonObjectSchema, type JsonValue, JsonValueSchema } from './proto-json.js';
import { oneOf, strictObject } from './zod-helpers.js';

/** One command-line item: a literal string or a placeholder object resolved at run time. */
export type V1CommandLineArgument = string | V1Placeholder;

/** Exactly one key is set; `outputMetadata` and `executorInput` take `null`. */
export interface V1Placeholder {
  inputValue?: string;
  inputPath?: string;
  inputUri?: string;
  inputMetadata?: string;
  inputOutputPortName?: string;
  outputPath?: string;
  outputUri?: string;
  outputMetadata?: null;
  executorInput?: null;
  concat?: V1CommandLineArgument[];
  if?: V1IfPlaceholder;
}

/** `{if: {cond, then, else}}`: chooses items by whether an optional input was given (or a boolean). */
export interface V1IfPlaceholder {
  cond: V1IfCondition;
  then: V1CommandLineArgument | V1CommandLineArgument[];
  else?: V1CommandLineArgument | V1CommandLineArgument[] | undefined;
}

export type V1IfCondition = boolean | string | { isPresent?: string; inputValue?: string };

const inputName = (what: string) => z.string().describe(what).optional();

const V1IfConditionSchema: z.ZodType<V1IfCondition> = z.union([
  z.boolean(),
  z.string(),
  oneOf(
    strictObject({
      isPresent: inputName('True when the caller passed the named optional input.'),
      inputValue: inputName('The value of a boolean input.'),
    }),
    ['isPresent', 'inputValue'],
    { required: true },
  ),
]);

const ArgumentOrListSchema: z.ZodType<V1CommandLineArgument | V1CommandLineArgument[]> = z.lazy(() =>
  z.union([V1CommandLineArgumentSchema, z.array(V1CommandLineArgumentSchema)]),
);

const V1IfPlaceholderSchema: z.ZodType<V1IfPlaceholder> = strictObject({
  cond: V1IfConditionSchema,
  // biome-ignore lint/suspicious/noThenProperty: the v1 component format names this key `then`.
  then: ArgumentOrListSchema,
  else: ArgumentOrListSchema.optional(),
});

const V1PlaceholderSchema: z.ZodType<V1Placeholder> = oneOf(
  strictObject({
    inputValue: inputName('The value of the named input.'),
    inputPath: inputName('A local file holding the named input.'),
    inputUri: inputName('The URI of the named input artifact.'),
    inputMetadata: inputName('A local file holding the metadata of the named input artifact.'),
    inputOutputPortName: inputName('The output name the named input was produced under.'),
    outputPath: inputName('A local file the component writes the named output to.'),
    outputUri: inputName('The URI of the named output artifact.'),
    outputMetadata: z.null().describe('The local path of the output metadata file.').optional(),
    executorInput: z.null().describe('The ExecutorInput JSON.').optional(),
    concat: z.lazy(() => z.array(V1CommandLineArgumentSchema)).optional(),
    if: z.lazy(() => V1IfPlaceholderSchema).optional(),
  }),
  [
    'inputValue',
    'inputPath',
    'inputUri',
    'inputMetadata',
    'inputOutputPortName',
    'outputPath',
    'outputUri',
    'outputMetadata',
    'executorInput',
    'concat',
    'if',
  ],
  { required: true },
).meta({ id: 'V1Placeholder' });

export const V1CommandLineArgumentSchema: z.ZodType<V1CommandLineArgument> = z
  .union([z.string(), V1PlaceholderSchema])
  .meta({ id: 'V1CommandLineArgument' });

/** A v1 type: a name such as `String` or `Dataset`, or a structured type such as `{GCSPath: {...}}`. */
export type V1TypeSpec = string | JsonObject | JsonValue[];
const V1TypeSpecSchema: z.ZodType<V1TypeSpec> = z.union([
  z.string(),
  JsonObjectSchema,
  z.array(JsonValueSchema),
]);

export const V1InputSpecSchema = strictObject({
  name: z.string(),
  type: V1TypeSpecSchema.optional(),
  description: z.string().optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  optional: z.boolean().optional(),
  annotations: JsonObjectSchema.optional(),
}).meta({ id: 'V1InputSpec' });
export type V1InputSpec = z.infer<typeof V1InputSpecSchema>;

export const V1OutputSpecSchema = strictObject({
  name: z.string(),
  type: V1TypeSpecSchema.optional(),
  description: z.string().optional(),
  annotations: JsonObjectSchema.optional(),
}).meta({ id: 'V1OutputSpec' });
export type V1OutputSpec = z.infer<typeof V1OutputSpecSchema>;

export const V1ContainerSpecSchema = strictObject({
  image: z.string().min(1, { error: 'image must not be empty' }),
  command: z.array(V1CommandLineArgumentSchema).optional(),
  args: z.array(V1CommandLineArgumentSchema).optional(),
  env: z.record(z.string(), z.string()).describe('Environment variables: name to value.').optional(),
  fileOutputs: z
    .record(z.string(), z.string())
    .describe('Legacy: output name to the file the container writes it to.')
    .optional(),
}).meta({ id: 'V1ContainerSpec' });
export type V1ContainerSpec = z.infer<typeof V1ContainerSpecSchema>;

/** A v1 graph implementation; its task structure is not checked beyond being JSON objects. */
const V1GraphSpecSchema = strictObject({
  tasks: z.record(z.string(), JsonObjectSchema),
  outputValues: z.record(z.string(), JsonValueSchema).optional(),
});

export const V1ImplementationSchema = oneOf(
  strictObject({
    container: V1ContainerSpecSchema.optional(),
    graph: V1GraphSpecSchema.optional(),
  }),
  ['container', 'graph'],
  { required: true },
).meta({ id: 'V1Implementation' });
export type V1Implementation = z.infer<typeof V1ImplementationSchema>;

/** A KFP v1 `component.yaml` document. */
export const V1ComponentSpecSchema = strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  metadata: strictObject({
    annotations: z.record(z.string(), z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }).optional(),
  inputs: z.array(V1InputSpecSchema).optional(),
  outputs: z.array(V1OutputSpecSchema).optional(),
  implementation: V1ImplementationSchema,
  version: z.string().describe('Format version, e.g. google.com/cloud/pipelines/component/v1.').optional(),
}).meta({
  id: 'V1ComponentSpec',
  title: 'KFP v1 component.yaml',
  description: 'A KFP v1 component definition (container image, inputs, outputs, command line).',
});
export type V1ComponentSpec = z.infer<typeof V1ComponentSpecSchema>;
