/**
 * @kfp-ts/local: runs kfp-ts pipelines on this machine from the compiled KFP IR (the document that
 * would be submitted to Vertex AI), and the unit-testing helpers built on it.
 */
export { contentHash, uriToPath } from './artifacts.js';
export { CACHE_DIR_NAME } from './cache.js';
export { ConditionError, evaluateCondition, selectValue } from './cel-condition.js';
export type { ContainerEngine } from './executors/docker.js';
export { detectEngine } from './executors/docker.js';
export { executeFunctionComponent } from './executors/function-executor.js';
export { closeWorkerPools } from './executors/function-workers.js';
export { UnsupportedTaskError } from './executors/select.js';
export type {
  ExecutionOutputs,
  ExecutionRequest,
  FunctionExecutor,
  FunctionExecutorOptions,
  TaskExecutor,
} from './executors/types.js';
export { UnsafePathError } from './output-layout.js';
export { PlaceholderError } from './placeholders.js';
export type { Registrable } from './registry.js';
export { createRegistry } from './registry.js';
export type { ConsoleReporter, ConsoleReporterOptions } from './reporter.js';
export { createConsoleReporter, formatSummary } from './reporter.js';
export { RUN_RESULT_FILE, runPipelineSpec } from './run-pipeline-spec.js';
export { LocalRunError, loadPipelineSpec } from './spec-model.js';
export type {
  FakeArtifactOptions,
  LocalArtifact,
  OutputArtifacts,
  OutputParameters,
  RunComponentResult,
  TestRunOptions,
} from './test-helpers.js';
export { ComponentRunError, fakeArtifact, runComponent, runPipeline } from './test-helpers.js';
export type {
  ArtifactInput,
  ArtifactResult,
  ExecutorKind,
  MockFunction,
  RunEvent,
  RunOptions,
  RunResult,
  RunState,
  TaskKind,
  TaskResult,
  TaskState,
} from './types.js';
