/**
 * @kfp-ts/dsl: the authoring model. Declare components and pipelines with typed inputs and
 * outputs; TypeScript checks the wiring; `@kfp-ts/compiler` turns the result into KFP IR.
 */
export type { ArtifactType, GenericArtifactTitle } from './artifact-types.js';
export {
  Artifact,
  ClassificationMetrics,
  Dataset,
  defineArtifactType,
  google,
  HTML,
  isArtifactType,
  Markdown,
  Metrics,
  Model,
  SlicedClassificationMetrics,
} from './artifact-types.js';
export type { ComponentConfig } from './component.js';
export { component } from './component.js';
export type {
  CallArgs,
  Component,
  ComponentDefinition,
  ContainerComponentDefinition,
  FunctionComponentDefinition,
  ImporterDefinition,
  IrPipelineDefinition,
  PipelineDefinition,
  RunContext,
  RunFunction,
} from './component-definition.js';
export { isComponent } from './component-definition.js';
export type { ConditionChain } from './condition-chain.js';
export { If } from './condition-chain.js';
export type { ComparisonOperator, Condition, ConditionOperand } from './conditions.js';
export { eq, ge, gt, isCondition, le, lt, ne } from './conditions.js';
export type {
  ContainerComponentConfig,
  InputPlaceholders,
  OutputPlaceholders,
} from './container-component.js';
export { componentFromDefinition, containerComponent } from './container-component.js';
export { PipelineDefinitionError } from './errors.js';
export { exitHandler } from './exit-handler.js';
export { collected, oneOf } from './fan-in.js';
export type { ImporterOptions } from './importer.js';
export { importer } from './importer.js';
export type {
  ArgFor,
  InputArtifact,
  OutputArtifact,
  RunInputs,
  RunOutputArtifacts,
  RunResult,
  TaskArgs,
  TaskOutputs,
} from './io-types.js';
export type { MetricsTarget, RocCurve, RocPoint } from './metrics.js';
export {
  logConfusionMatrix,
  logConfusionMatrixCell,
  logConfusionMatrixRow,
  logMetric,
  logRocCurve,
  logRocDataPoint,
  logSlicedConfusionMatrix,
  logSlicedRocCurve,
  logSlicedRocReading,
  setConfusionMatrixCategories,
} from './metrics.js';
export { NameAllocator, PIPELINE_NAME_PATTERN, sanitizeName } from './names.js';
export type { LoopItem, ParallelFor, ParallelForOptions } from './parallel-for.js';
export { parallelFor } from './parallel-for.js';
export type { OutputsOf, Pipeline, PipelineConfig, PipelineInputs, PipelineReturn } from './pipeline.js';
export { pipeline } from './pipeline.js';
export type { PipelineGraph } from './pipeline-graph.js';
export type { ConcatPlaceholder, ContainerArg, IfPresentPlaceholder } from './placeholders.js';
export {
  concat,
  EXECUTOR_INPUT,
  ifPresent,
  inputArtifact,
  inputValue,
  isStructuredPlaceholder,
  OUTPUT_METADATA_FILE,
  outputArtifact,
  outputParameterPath,
  PIPELINE_JOB_CREATE_TIME_UTC,
  PIPELINE_JOB_ID,
  PIPELINE_JOB_NAME,
  PIPELINE_JOB_RESOURCE_NAME,
  PIPELINE_JOB_SCHEDULE_TIME_UTC,
  PIPELINE_ROOT,
  PIPELINE_TASK_ID,
  PIPELINE_TASK_NAME,
} from './placeholders.js';
export type { AnyRef, ArtifactRef, KindOfValue, ParamRef, RefKind, RefSource } from './refs.js';
export { isArtifactRef, isParamRef, isRef, splitTemplate } from './refs.js';
export { kindOfSchema } from './schema-kind.js';
export type {
  ArtifactSpec,
  IOSpec,
  IOSpecs,
  JsonValue,
  ParamKind,
  ParamOptions,
  ParamSpec,
  TaskFinalStatus,
} from './specs.js';
export { artifact, artifactList, isArtifactSpec, isParamSpec, param } from './specs.js';
export { isPipelineTask, PipelineTask } from './task.js';
export type { Accelerator, RetryPolicy, TaskSettings } from './task-settings.js';
export { durationSeconds } from './task-settings.js';
export type { GroupKind, LoopItems } from './tasks-group.js';
export { isTasksGroup, TasksGroup } from './tasks-group.js';
