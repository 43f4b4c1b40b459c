// ExecutorSpec: how a leaf component runs. `deploymentSpec.executors` maps each executor label to a
// container, an importer (turns a URI into an artifact), or a resolver.
import { z } from 'zod';
import { Int32Schema, Int64StringSchema, JsonObjectSchema } from './proto-json.js';
import { ArtifactTypeSchema, LegacyPropertiesSchema, ValueOrRuntimeParameterSchema } from './values.js';
import { oneOf, strictObject } from './zod-helpers.js';

/**
 * `ResourceSpec.AcceleratorConfig`. `resourceType`/`resourceCount` are the current fields (strings, so
 * they can hold placeholders); `type`/`count` are deprecated but still written for literal values so
 * older backends keep working. `count` is an int64, hence a string in JSON.
 */
export const AcceleratorConfigSchema = strictObject({
  resourceType: z.string().describe('Accelerator type, e.g. NVIDIA_TESLA_T4 or tpu-v3.').optional(),
  resourceCount: z.string().describe('Number of accelerators, or a placeholder.').optional(),
  type: z.string().describe('Deprecated: use resourceType.').optional(),
  count: Int64StringSchema.describe('Deprecated: use resourceCount. int64, so a string.').optional(),
}).meta({ id: 'AcceleratorConfig' });
export type AcceleratorConfig = z.infer<typeof AcceleratorConfigSchema>;

/**
 * `PipelineContainerSpec.ResourceSpec`. The `resource*` string fields take Kubernetes quantities
 * (`'4'`, `500m`, `14Gi`) or placeholders; the deprecated numeric fields hold cores and GB (10^9 bytes).
 */
export const ResourceSpecSchema = strictObject({
  resourceCpuLimit: z.string().optional(),
  resourceCpuRequest: z.string().optional(),
  resourceMemoryLimit: z.string().optional(),
  resourceMemoryRequest: z.string().optional(),
  accelerator: AcceleratorConfigSchema.optional(),
  cpuLimit: z.number().nonnegative().describe('Deprecated: CPU cores; use resourceCpuLimit.').optional(),
  cpuRequest: z.number().nonnegative().describe('Deprecated: CPU cores; use resourceCpuRequest.').optional(),
  memoryLimit: z.number().nonnegative().describe('Deprecated: GB; use resourceMemoryLimit.').optional(),
  memoryRequest: z.number().nonnegative().describe('Deprecated: GB; use resourceMemoryRequest.').optional(),
}).meta({ id: 'ResourceSpec' });
export type ResourceSpec = z.infer<typeof ResourceSpecSchema>;

/** `PipelineContainerSpec.EnvVar`. */
export const EnvVarSchema = strictObject({
  name: z.string(),
  value: z.string().optional(),
}).meta({ id: 'EnvVar' });
export type EnvVar = z.infer<typeof EnvVarSchema>;

const ExecSchema = strictObject({
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
});

/** `PipelineContainerSpec.Lifecycle`: a command run before the cache is checked. */
export const LifecycleSchema = strictObject({
  preCacheCheck: ExecSchema.optional(),
}).meta({ id: 'Lifecycle' });
export type Lifecycle = z.infer<typeof LifecycleSchema>;

/** `PipelineContainerSpec`: image, command and args, where strings may hold `{{$...}}` placeholders. */
export const ContainerSpecSchema = strictObject({
  image: z.string().min(1, { error: 'image must not be empty' }),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z.array(EnvVarSchema).optional(),
  resources: ResourceSpecSchema.optional(),
  lifecycle: LifecycleSchema.optional(),
}).meta({ id: 'ContainerSpec' });
export type ContainerSpec = z.infer<typeof ContainerSpecSchema>;

/** `ImporterSpec`: registers an existing URI as an artifact of the given type (dsl.importer). */
export const ImporterSpecSchema = strictObject({
  artifactUri: ValueOrRuntimeParameterSchema.describe(
    'The URI: {constant: "gs://..."} or {runtimeParameter: <input name>}.',
  ),
  typeSchema: ArtifactTypeSchema,
  metadata: JsonObjectSchema.optional(),
  reimport: z.boolean().describe('Create a new artifact even if one with this URI exists.').optional(),
  downloadToWorkspace: z.boolean().describe('Download into the pipeline workspace (KFP backend).').optional(),
  properties: LegacyPropertiesSchema.optional(),
  customProperties: LegacyPropertiesSchema.optional(),
}).meta({ id: 'ImporterSpec' });
export type ImporterSpec = z.infer<typeof ImporterSpecSchema>;

/** `ResolverSpec`: picks existing artifacts by metadata query. */
export const ResolverSpecSchema = strictObject({
  outputArtifactQueries: z
    .record(
      z.string(),
      strictObject({
        filter: z.string().optional(),
        limit: Int32Schema.optional(),
      }),
    )
    .optional(),
}).meta({ id: 'ResolverSpec' });
export type ResolverSpec = z.infer<typeof ResolverSpecSchema>;

/** `ExecutorSpec`: exactly one of container, importer, resolver or the deprecated customJob. */
export const ExecutorSpecSchema = oneOf(
  strictObject({
    container: ContainerSpecSchema.optional(),
    importer: ImporterSpecSchema.optional(),
    resolver: ResolverSpecSchema.optional(),
    customJob: strictObject({ customJob: JsonObjectSchema.optional() })
      .describe('Deprecated: a Vertex CustomJob payload.')
      .optional(),
  }),
  ['container', 'importer', 'resolver', 'customJob'],
  { required: true },
).meta({ id: 'ExecutorSpec', description: 'How a leaf component runs.' });
export type ExecutorSpec = z.infer<typeof ExecutorSpecSchema>;

/** `PipelineDeploymentConfig`: the content of `deploymentSpec` (a Struct in the proto). */
export const DeploymentSpecSchema = strictObject({
  executors: z.record(z.string(), ExecutorSpecSchema).optional(),
}).meta({ id: 'DeploymentSpec' });
export type DeploymentSpec = z.infer<typeof DeploymentSpecSchema>;
