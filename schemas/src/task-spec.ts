// PipelineTaskSpec: one node of a DAG. It names the component it runs, wires each input to a parent
// input, an upstream output or a constant, and carries the per-task run settings (caching, retry,
// trigger condition, loop iteration).
import { z } from 'zod';
import { TriggerStrategySchema } from './enums.js';
import { DurationSchema, NonNegativeInt32Schema } from './proto-json.js';
import { ValueOrRuntimeParameterSchema } from './values.js';
import { oneOf, strictObject } from './zod-helpers.js';

/** `TaskInputsSpec.InputParameterSpec.TaskOutputParameterSpec`: an output parameter of a sibling task. */
export const TaskOutputParameterRefSchema = strictObject({
  producerTask: z.string().describe('Key of a task in the same DAG.'),
  outputParameterKey: z.string().describe('Name of an output parameter of that task.'),
}).meta({ id: 'TaskOutputParameterRef' });
export type TaskOutputParameterRef = z.infer<typeof TaskOutputParameterRefSchema>;

/** `TaskInputsSpec.InputParameterSpec.TaskFinalStatus`: the final status of a sibling task (exit handlers). */
export const TaskFinalStatusRefSchema = strictObject({
  producerTask: z.string().describe('Key of a task in the same DAG whose final status is passed.'),
}).meta({ id: 'TaskFinalStatusRef' });
export type TaskFinalStatusRef = z.infer<typeof TaskFinalStatusRefSchema>;

/** `TaskInputsSpec.InputParameterSpec`: where one input parameter of a task gets its value. */
export const TaskInputParameterSpecSchema = oneOf(
  strictObject({
    componentInputParameter: z
      .string()
      .describe('Name of an input parameter of the component that contains this DAG.')
      .optional(),
    taskOutputParameter: TaskOutputParameterRefSchema.optional(),
    runtimeValue: ValueOrRuntimeParameterSchema.describe('A constant: {constant: <JSON value>}.').optional(),
    taskFinalStatus: TaskFinalStatusRefSchema.optional(),
    parameterExpressionSelector: z
      .string()
      .describe('CEL applied to the value, e.g. parseJson(string_value)["field"] for a loop item field.')
      .optional(),
  }),
  ['componentInputParameter', 'taskOutputParameter', 'runtimeValue', 'taskFinalStatus'],
  { required: true },
).meta({ id: 'TaskInputParameterSpec' });
export type TaskInputParameterSpec = z.infer<typeof TaskInputParameterSpecSchema>;

/** `TaskInputsSpec.InputArtifactSpec.TaskOutputArtifactSpec`: an output artifact of a sibling task. */
export const TaskOutputArtifactRefSchema = strictObject({
  producerTask: z.string().describe('Key of a task in the same DAG.'),
  outputArtifactKey: z.string().describe('Name of an output artifact of that task.'),
}).meta({ id: 'TaskOutputArtifactRef' });
export type TaskOutputArtifactRef = z.infer<typeof TaskOutputArtifactRefSchema>;

/** `TaskInputsSpec.InputArtifactSpec`: where one input artifact of a task comes from. */
export const TaskInputArtifactSpecSchema = oneOf(
  strictObject({
    taskOutputArtifact: TaskOutputArtifactRefSchema.optional(),
    componentInputArtifact: z
      .string()
      .describe('Name of an input artifact of the component that contains this DAG.')
      .optional(),
  }),
  ['taskOutputArtifact', 'componentInputArtifact'],
  { required: true },
).meta({ id: 'TaskInputArtifactSpec' });
export type TaskInputArtifactSpec = z.infer<typeof TaskInputArtifactSpecSchema>;

/** `TaskInputsSpec`: a task's inputs keyed by the input names of its component. */
export const TaskInputsSpecSchema = strictObject({
  parameters: z.record(z.string(), TaskInputParameterSpecSchema).optional(),
  artifacts: z.record(z.string(), TaskInputArtifactSpecSchema).optional(),
}).meta({ id: 'TaskInputsSpec' });
export type TaskInputsSpec = z.infer<typeof TaskInputsSpecSchema>;

/** `PipelineTaskSpec.CachingOptions`. `{}` means caching is disabled (false is the omitted default). */
export const CachingOptionsSchema = strictObject({
  enableCache: z.boolean().optional(),
  cacheKey: z.string().describe('Custom cache key (KFP backend only).').optional(),
}).meta({ id: 'CachingOptions' });
export type CachingOptions = z.infer<typeof CachingOptionsSchema>;

/** `PipelineTaskSpec.TriggerPolicy`: a CEL condition (dsl.If) and/or when upstream failures still trigger the task. */
export const TriggerPolicySchema = strictObject({
  condition: z
    .string()
    .describe("CEL over the task inputs, e.g. inputs.parameter_values['pipelinechannel--x'] == 'heads'.")
    .optional(),
  strategy: TriggerStrategySchema.optional(),
}).meta({ id: 'TriggerPolicy' });
export type TriggerPolicy = z.infer<typeof TriggerPolicySchema>;

/** `PipelineTaskSpec.RetryPolicy`. The SDK writes all four fields whenever `set_retry` is used. */
export const RetryPolicySchema = strictObject({
  maxRetryCount: NonNegativeInt32Schema.optional(),
  backoffDuration: DurationSchema.optional(),
  backoffFactor: z.number().nonnegative().optional(),
  backoffMaxDuration: DurationSchema.optional(),
}).meta({ id: 'RetryPolicy' });
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** `PipelineTaskSpec.IteratorPolicy`: how many loop iterations may run at once (ParallelFor parallelism). */
export const IteratorPolicySchema = strictObject({
  parallelismLimit: NonNegativeInt32Schema.optional(),
}).meta({ id: 'IteratorPolicy' });
export type IteratorPolicy = z.infer<typeof IteratorPolicySchema>;

/** `ParameterIteratorSpec`: ParallelFor over a list parameter or a literal list. */
export const ParameterIteratorSpecSchema = strictObject({
  items: oneOf(
    strictObject({
      raw: z.string().describe("A literal JSON array, e.g. '[1, 2, 3]'.").optional(),
      inputParameter: z.string().describe('Name of a task input parameter holding the list.').optional(),
    }),
    ['raw', 'inputParameter'],
    { required: true },
  ),
  itemInput: z.string().describe('Input parameter of the loop component that receives each item.'),
}).meta({ id: 'ParameterIteratorSpec' });
export type ParameterIteratorSpec = z.infer<typeof ParameterIteratorSpecSchema>;

/** `ArtifactIteratorSpec`: ParallelFor over a list of artifacts. */
export const ArtifactIteratorSpecSchema = strictObject({
  items: strictObject({
    inputArtifact: z.string().describe('Name of a task input artifact holding the list.'),
  }),
  itemInput: z.string().describe('Input artifact of the loop component that receives each item.'),
}).meta({ id: 'ArtifactIteratorSpec' });
export type ArtifactIteratorSpec = z.infer<typeof ArtifactIteratorSpecSchema>;

/** `PipelineTaskSpec`: one task of a DAG, keyed by its task name in `dag.tasks`. */
export const PipelineTaskSpecSchema = oneOf(
  strictObject({
    taskInfo: strictObject({
      name: z.string().describe('Display name of the task.'),
    }),
    componentRef: strictObject({
      name: z.string().describe('Key of the component in `components`.'),
    }),
    inputs: TaskInputsSpecSchema.optional(),
    dependentTasks: z
      .array(z.string())
      .describe('Sibling tasks that must finish first (data dependencies and .after()).')
      .optional(),
    cachingOptions: CachingOptionsSchema.optional(),
    triggerPolicy: TriggerPolicySchema.optional(),
    parameterIterator: ParameterIteratorSpecSchema.optional(),
    artifactIterator: ArtifactIteratorSpecSchema.optional(),
    iteratorPolicy: IteratorPolicySchema.optional(),
    retryPolicy: RetryPolicySchema.optional(),
  }),
  ['parameterIterator', 'artifactIterator'],
  { required: false },
).meta({ id: 'PipelineTaskSpec', description: 'A task in a DAG.' });
export type PipelineTaskSpec = z.infer<typeof PipelineTaskSpecSchema>;
