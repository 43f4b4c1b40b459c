// The container contract: the ExecutorInput JSON a component receives (the `{{$}}` placeholder, passed
// as `--executor_input`) and the ExecutorOutput JSON it writes to `outputs.outputFile`.
import { z } from 'zod';
import {
  Int32Schema,
  Int64StringSchema,
  JsonObjectSchema,
  JsonValueSchema,
  LegacyValueSchema,
} from './proto-json.js';
import { ArtifactTypeSchema } from './values.js';
import { strictObject } from './zod-helpers.js';

/**
 * `RuntimeArtifact`: one concrete artifact. The backends write `customPath` (proto3 JSON name); the
 * Python executor writes `custom_path` (the proto field name, which proto3 JSON parsers also accept)
 * into ExecutorOutput, so both spellings are allowed, but not together.
 */
export const RuntimeArtifactSchema = strictObject({
  name: z.string().describe('Backend-specific artifact name (MLMD id or Vertex resource name).').optional(),
  type: ArtifactTypeSchema.optional(),
  uri: z.string().describe('Remote location, e.g. gs://bucket/.../model.').optional(),
  metadata: JsonObjectSchema.optional(),
  customPath: z.string().describe('Local path that overrides the one derived from the URI.').optional(),
  custom_path: z.string().describe('Spelling of customPath used by the Python executor.').optional(),
  properties: z.record(z.string(), LegacyValueSchema).describe('Deprecated: use metadata.').optional(),
  customProperties: z.record(z.string(), LegacyValueSchema).describe('Deprecated: use metadata.').optional(),
})
  .superRefine(
    (artifact, ctx) => {
      if (artifact.customPath !== undefined && artifact.custom_path !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'set either "customPath" or "custom_path", not both',
          input: artifact,
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .meta({ id: 'RuntimeArtifact' });
export type RuntimeArtifact = z.infer<typeof RuntimeArtifactSchema>;

/** `ArtifactList`: the artifacts bound to one input or output name. */
export const ArtifactListSchema = strictObject({
  artifacts: z.array(RuntimeArtifactSchema).optional(),
}).meta({ id: 'ArtifactList' });
export type ArtifactList = z.infer<typeof ArtifactListSchema>;

/** `ExecutorInput.Inputs`: parameter values (native JSON) and input artifacts. */
export const ExecutorInputsSchema = strictObject({
  parameterValues: z.record(z.string(), JsonValueSchema).optional(),
  artifacts: z.record(z.string(), ArtifactListSchema).optional(),
  parameters: z
    .record(z.string(), LegacyValueSchema)
    .describe('Deprecated (schema 2.0.0): use parameterValues.')
    .optional(),
}).meta({ id: 'ExecutorInputs' });
export type ExecutorInputs = z.infer<typeof ExecutorInputsSchema>;

/** `ExecutorInput.OutputParameter`: the file to write one output parameter to. */
export const ExecutorOutputParameterSchema = strictObject({
  outputFile: z.string(),
}).meta({ id: 'ExecutorOutputParameter' });
export type ExecutorOutputParameter = z.infer<typeof ExecutorOutputParameterSchema>;

/** `ExecutorInput.Outputs`: where outputs go. `outputFile` is the path of the ExecutorOutput JSON. */
export const ExecutorOutputsSchema = strictObject({
  parameters: z.record(z.string(), ExecutorOutputParameterSchema).optional(),
  artifacts: z.record(z.string(), ArtifactListSchema).optional(),
  outputFile: z.string().describe('Where the component writes its ExecutorOutput JSON.').optional(),
}).meta({ id: 'ExecutorOutputs' });
export type ExecutorOutputs = z.infer<typeof ExecutorOutputsSchema>;

/** `ExecutorInput`: the JSON a component receives through `--executor_input` (the `{{$}}` placeholder). */
export const ExecutorInputSchema = strictObject({
  inputs: ExecutorInputsSchema.optional(),
  outputs: ExecutorOutputsSchema.optional(),
}).meta({
  id: 'ExecutorInput',
  title: 'KFP ExecutorInput',
  description: 'What a KFP v2 component container receives as --executor_input.',
});
export type ExecutorInput = z.infer<typeof ExecutorInputSchema>;

/**
 * `ExecutorOutput`: the JSON a component writes to `outputs.outputFile`. Parameter values are native
 * JSON values; the backend prefers them over the per-parameter output files.
 */
export const ExecutorOutputSchema = strictObject({
  parameterValues: z.record(z.string(), JsonValueSchema).optional(),
  artifacts: z.record(z.string(), ArtifactListSchema).optional(),
  parameters: z
    .record(z.string(), LegacyValueSchema)
    .describe('Deprecated (schema 2.0.0): use parameterValues.')
    .optional(),
}).meta({
  id: 'ExecutorOutput',
  title: 'KFP ExecutorOutput',
  description: 'What a KFP v2 component writes to outputs.outputFile.',
});
export type ExecutorOutput = z.infer<typeof ExecutorOutputSchema>;

/** `google.rpc.Status` as carried in a PipelineTaskFinalStatus. */
export const RpcStatusSchema = strictObject({
  code: Int32Schema.optional(),
  message: z.string().optional(),
  details: z.array(JsonObjectSchema).optional(),
}).meta({ id: 'RpcStatus' });
export type RpcStatus = z.infer<typeof RpcStatusSchema>;

/**
 * `PipelineTaskFinalStatus`: the struct an exit task receives as its TASK_FINAL_STATUS parameter value.
 * `state` is a PipelineTaskState name such as SUCCEEDED or FAILED. The Python executor also accepts the
 * snake_case spellings of the two name fields, so they are allowed here too.
 */
export const PipelineTaskFinalStatusSchema = strictObject({
  state: z.string().optional(),
  error: RpcStatusSchema.optional(),
  pipelineJobResourceName: z.string().optional(),
  pipelineTaskName: z.string().optional(),
  pipeline_job_resource_name: z.string().optional(),
  pipeline_task_name: z.string().optional(),
  pipelineJobUuid: Int64StringSchema.describe('Deprecated.').optional(),
  pipelineJobName: z.string().describe('Deprecated: use pipelineJobResourceName.').optional(),
}).meta({ id: 'PipelineTaskFinalStatus' });
export type PipelineTaskFinalStatus = z.infer<typeof PipelineTaskFinalStatusSchema>;
