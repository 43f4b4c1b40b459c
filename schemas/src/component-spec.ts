// ComponentSpec: the interface of a component (typed inputs and outputs) and its implementation,
// which is either a DAG of tasks or the label of an executor in deploymentSpec.
import { z } from 'zod';
import { DagSpecSchema } from './dag-spec.js';
import { ParameterTypeSchema, PrimitiveTypeSchema, TaskConfigPassthroughFieldSchema } from './enums.js';
import { describeParameterType, matchesParameterType } from './parameter-values.js';
import { SinglePlatformSpecSchema } from './platform-spec.js';
import { JsonObjectSchema, JsonValueSchema } from './proto-json.js';
import { ArtifactTypeSchema, LegacyPropertiesSchema } from './values.js';
import { oneOf, strictObject } from './zod-helpers.js';

/**
 * A parameter's type: `parameterType` since schema 2.1.0, or the deprecated `type` of schema 2.0.0.
 * The SDK never writes `type`; it is accepted so older IR still validates.
 */
const parameterTypeFields = {
  parameterType: ParameterTypeSchema.optional(),
  type: PrimitiveTypeSchema.describe('Deprecated (schema 2.0.0): use parameterType.').optional(),
};

/** `ComponentInputsSpec.ParameterSpec`: one input parameter. Its default must fit its type. */
export const InputParameterSpecSchema = oneOf(
  strictObject({
    ...parameterTypeFields,
    defaultValue: JsonValueSchema.optional().describe(
      'Value used when the caller passes nothing. Numbers are JSON numbers even for NUMBER_INTEGER.',
    ),
    isOptional: z.boolean().describe('The caller may omit this input.').optional(),
    description: z.string().optional(),
    literals: z.array(JsonValueSchema).describe('The only values the input may take.').optional(),
  }),
  ['parameterType', 'type'],
  { required: true },
)
  .superRefine(
    (spec, ctx) => {
      const { parameterType, defaultValue } = spec;
      if (parameterType === undefined || defaultValue === undefined) return;
      if (!matchesParameterType(defaultValue, parameterType)) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultValue'],
          message: `default value ${JSON.stringify(defaultValue)} does not fit parameterType ${parameterType}, which expects ${describeParameterType(parameterType)}`,
          input: defaultValue,
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .meta({ id: 'InputParameterSpec' });
export type InputParameterSpec = z.infer<typeof InputParameterSpecSchema>;

/** `ComponentInputsSpec.ArtifactSpec`: one input artifact. Artifacts have no default value. */
export const InputArtifactSpecSchema = strictObject({
  artifactType: ArtifactTypeSchema,
  isArtifactList: z
    .boolean()
    .describe('The input is a list of artifacts (dsl.Collected, List[Artifact]).')
    .optional(),
  isOptional: z.boolean().optional(),
  description: z.string().optional(),
}).meta({ id: 'InputArtifactSpec' });
export type InputArtifactSpec = z.infer<typeof InputArtifactSpecSchema>;

/** `ComponentInputsSpec`: the inputs of a component, keyed by input name. */
export const InputDefinitionsSchema = strictObject({
  parameters: z.record(z.string(), InputParameterSpecSchema).optional(),
  artifacts: z.record(z.string(), InputArtifactSpecSchema).optional(),
}).meta({ id: 'InputDefinitions' });
export type InputDefinitions = z.infer<typeof InputDefinitionsSchema>;

/** `ComponentOutputsSpec.ParameterSpec`: one output parameter. */
export const OutputParameterSpecSchema = oneOf(
  strictObject({ ...parameterTypeFields, description: z.string().optional() }),
  ['parameterType', 'type'],
  { required: true },
).meta({ id: 'OutputParameterSpec' });
export type OutputParameterSpec = z.infer<typeof OutputParameterSpecSchema>;

/** `ComponentOutputsSpec.ArtifactSpec`: one output artifact. */
export const OutputArtifactSpecSchema = strictObject({
  artifactType: ArtifactTypeSchema,
  isArtifactList: z.boolean().optional(),
  description: z.string().optional(),
  metadata: JsonObjectSchema.describe('Metadata known at compile time.').optional(),
  properties: LegacyPropertiesSchema.optional(),
  customProperties: LegacyPropertiesSchema.optional(),
}).meta({ id: 'OutputArtifactSpec' });
export type OutputArtifactSpec = z.infer<typeof OutputArtifactSpecSchema>;

/** `ComponentOutputsSpec`: the outputs of a component, keyed by output name. */
export const OutputDefinitionsSchema = strictObject({
  parameters: z.record(z.string(), OutputParameterSpecSchema).optional(),
  artifacts: z.record(z.string(), OutputArtifactSpecSchema).optional(),
}).meta({ id: 'OutputDefinitions' });
export type OutputDefinitions = z.infer<typeof OutputDefinitionsSchema>;

/** `TaskConfigPassthrough`: a task setting the component forwards to the workload it launches. */
export const TaskConfigPassthroughSchema = strictObject({
  field: TaskConfigPassthroughFieldSchema,
  applyToTask: z.boolean().describe('Also apply the setting to the task pod itself.').optional(),
}).meta({ id: 'TaskConfigPassthrough' });
export type TaskConfigPassthrough = z.infer<typeof TaskConfigPassthroughSchema>;

/**
 * `ComponentSpec`: exactly one of `dag` (a graph of tasks) or `executorLabel` (a key of
 * `deploymentSpec.executors`). The pipeline's `root` is a ComponentSpec with a `dag`.
 */
export const ComponentSpecSchema = oneOf(
  strictObject({
    inputDefinitions: InputDefinitionsSchema.optional(),
    outputDefinitions: OutputDefinitionsSchema.optional(),
    dag: DagSpecSchema.optional(),
    executorLabel: z.string().describe('Key of the executor in deploymentSpec.executors.').optional(),
    singlePlatformSpecs: z.array(SinglePlatformSpecSchema).optional(),
    taskConfigPassthroughs: z.array(TaskConfigPassthroughSchema).optional(),
  }),
  ['dag', 'executorLabel'],
  { required: true },
).meta({ id: 'ComponentSpec', description: 'A component: its inputs, outputs and implementation.' });
export type ComponentSpec = z.infer<typeof ComponentSpecSchema>;
