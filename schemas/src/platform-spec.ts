// Platform-specific configuration: the optional second YAML document of a compiled pipeline
// (`PlatformSpec`, written by kfp-kubernetes and PipelineConfig) and a component's `singlePlatformSpecs`.
// The executor configs inside are owned by each platform (e.g. kfp-kubernetes' KubernetesExecutorConfig),
// so they are only checked to be JSON objects.
import { z } from 'zod';
import { JsonObjectSchema, NonNegativeInt32Schema } from './proto-json.js';
import { strictObject } from './zod-helpers.js';

/** `WorkspaceConfig`: a shared volume for the whole run (KFP backend). */
export const WorkspaceConfigSchema = strictObject({
  size: z.string().describe('Kubernetes quantity, e.g. 10Gi.').optional(),
  kubernetes: strictObject({
    pvcSpecPatch: JsonObjectSchema.describe('Patch applied to the PersistentVolumeClaim spec.').optional(),
  }).optional(),
}).meta({ id: 'WorkspaceConfig' });
export type WorkspaceConfig = z.infer<typeof WorkspaceConfigSchema>;

/** `PipelineConfig`: run-wide settings. Note the proto names this field `pipelineConfig` itself. */
export const PipelineConfigSchema = strictObject({
  workspace: WorkspaceConfigSchema.optional(),
  resourceTtlOnCompletion: NonNegativeInt32Schema.optional(),
  resourceTtlOnSuccess: NonNegativeInt32Schema.optional(),
  resourceTtlOnFailure: NonNegativeInt32Schema.optional(),
  activeDeadlineSeconds: NonNegativeInt32Schema.optional(),
}).meta({ id: 'PipelineConfig' });
export type PipelineConfig = z.infer<typeof PipelineConfigSchema>;

/** `SinglePlatformSpec`: the configuration for one platform, e.g. `kubernetes`. */
export const SinglePlatformSpecSchema = strictObject({
  deploymentSpec: strictObject({
    executors: z
      .record(z.string(), JsonObjectSchema)
      .describe('Platform executor config keyed by executor label (exec-*).')
      .optional(),
  }).optional(),
  platform: z.string().optional(),
  config: JsonObjectSchema.optional(),
  pipelineConfig: PipelineConfigSchema.optional(),
}).meta({ id: 'SinglePlatformSpec' });
export type SinglePlatformSpec = z.infer<typeof SinglePlatformSpecSchema>;

/** `PlatformSpec`: the second YAML document, keyed by platform name. */
export const PlatformSpecSchema = strictObject({
  platforms: z.record(z.string(), SinglePlatformSpecSchema),
}).meta({
  id: 'PlatformSpec',
  title: 'KFP PlatformSpec',
  description: 'Optional second document of a compiled pipeline YAML: platform-specific configuration.',
});
export type PlatformSpec = z.infer<typeof PlatformSpecSchema>;
