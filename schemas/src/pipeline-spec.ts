// PipelineSpec: the top-level document of a compiled pipeline (KFP v2 IR), in proto3 JSON form as
// the KFP compiler writes it to YAML. Vertex AI and the KFP backend both run this document.
import { z } from 'zod';
import { ComponentSpecSchema } from './component-spec.js';
import { DeploymentSpecSchema } from './executor-spec.js';
import { strictObject } from './zod-helpers.js';

/** The rule `kfp.dsl.utils.validate_pipeline_name` applies; Vertex AI requires it as well. */
export const PIPELINE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** The schema versions this package understands. The SDK has written 2.1.0 since KFP 2.0. */
export const SUPPORTED_SCHEMA_VERSIONS = ['2.1.0', '2.0.0'] as const;

/** `PipelineInfo`. */
export const PipelineInfoSchema = strictObject({
  name: z.string().regex(PIPELINE_NAME_PATTERN, {
    error: (issue) =>
      `pipeline name ${JSON.stringify(issue.input)} is invalid: expected 1-128 characters of lowercase letters, ` +
      'digits and "-", starting with a letter or digit (pattern ^[a-z0-9][a-z0-9-]{0,127}$)',
  }),
  displayName: z.string().optional(),
  description: z.string().optional(),
}).meta({ id: 'PipelineInfo' });
export type PipelineInfo = z.infer<typeof PipelineInfoSchema>;

/** `PipelineSpec`: the first (or only) YAML document of a compiled pipeline. */
export const PipelineSpecSchema = strictObject({
  pipelineInfo: PipelineInfoSchema,
  root: ComponentSpecSchema.describe("The pipeline's own component: its parameters, outputs and DAG."),
  components: z
    .record(z.string(), ComponentSpecSchema)
    .describe('Every component the pipeline uses (comp-*), including control-flow groups.')
    .optional(),
  deploymentSpec: DeploymentSpecSchema.optional(),
  schemaVersion: z.enum(SUPPORTED_SCHEMA_VERSIONS, {
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `unsupported schemaVersion ${JSON.stringify(issue.input)}: expected "2.1.0" (or the older "2.0.0")`,
  }),
  sdkVersion: z.string().describe('The SDK that wrote the file, e.g. kfp-2.14.6.').optional(),
  defaultPipelineRoot: z.string().describe('Where artifacts go unless the run overrides it.').optional(),
}).meta({ id: 'PipelineSpec' });
export type PipelineSpec = z.infer<typeof PipelineSpecSchema>;
