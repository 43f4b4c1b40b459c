// Proto enums as string-literal unions. proto3 JSON writes enum values by name and never writes the
// zero value (`*_UNSPECIFIED`, `NONE`), because defaults are omitted. An explicit zero value would mean
// "not set", which is always a mistake in a compiled pipeline, so the zero values are not accepted.
import { z } from 'zod';

/** `ParameterType.ParameterTypeEnum`: the type of an input or output parameter. */
export const ParameterTypeSchema = z
  .enum([
    'NUMBER_DOUBLE',
    'NUMBER_INTEGER',
    'STRING',
    'BOOLEAN',
    'LIST',
    'STRUCT',
    'TASK_FINAL_STATUS',
    'TASK_CONFIG',
  ])
  .meta({ id: 'ParameterType', description: 'Type of a parameter (ParameterType.ParameterTypeEnum).' });
export type ParameterType = z.infer<typeof ParameterTypeSchema>;

/** `PrimitiveType.PrimitiveTypeEnum`: the parameter type of schema 2.0.0 (field `type`), deprecated. */
export const PrimitiveTypeSchema = z
  .enum(['INT', 'DOUBLE', 'STRING'])
  .meta({ id: 'PrimitiveType', description: 'Deprecated parameter type of schema 2.0.0.' });
export type PrimitiveType = z.infer<typeof PrimitiveTypeSchema>;

/** `PipelineTaskSpec.TriggerPolicy.TriggerStrategy`: when a task may start relative to its upstream tasks. */
export const TriggerStrategySchema = z
  .enum(['ALL_UPSTREAM_TASKS_SUCCEEDED', 'ALL_UPSTREAM_TASKS_COMPLETED'])
  .meta({
    id: 'TriggerStrategy',
    description:
      'ALL_UPSTREAM_TASKS_COMPLETED runs the task even if upstream tasks failed (exit handlers, ignore_upstream_failure).',
  });
export type TriggerStrategy = z.infer<typeof TriggerStrategySchema>;

/** `TaskConfigPassthroughType.TaskConfigPassthroughTypeEnum`: task settings a component forwards to a workload it launches. */
export const TaskConfigPassthroughFieldSchema = z
  .enum([
    'RESOURCES',
    'ENV',
    'KUBERNETES_AFFINITY',
    'KUBERNETES_TOLERATIONS',
    'KUBERNETES_NODE_SELECTOR',
    'KUBERNETES_VOLUMES',
  ])
  .meta({ id: 'TaskConfigPassthroughField' });
export type TaskConfigPassthroughField = z.infer<typeof TaskConfigPassthroughFieldSchema>;

/**
 * `PipelineStateEnum.PipelineTaskState`. The `state` of a PipelineTaskFinalStatus is a plain string in
 * the proto; these are the values the backends use, exported for callers that want to switch on them.
 */
export const PipelineTaskStateSchema = z.enum([
  'PENDING',
  'RUNNING_DRIVER',
  'DRIVER_SUCCEEDED',
  'RUNNING_EXECUTOR',
  'SUCCEEDED',
  'CANCEL_PENDING',
  'CANCELLING',
  'CANCELLED',
  'FAILED',
  'SKIPPED',
  'QUEUED',
  'NOT_TRIGGERED',
  'UNSCHEDULABLE',
]);
export type PipelineTaskState = z.infer<typeof PipelineTaskStateSchema>;
