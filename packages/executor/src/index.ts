/**
 * @kfp-ts/executor: KFP's executor contract for TypeScript components. `executeComponent` runs a
 * function component against an ExecutorInput in this process (local runs, tests);
 * `executorMain` is the container entry point the bundles call.
 */
export type { ProducedArtifact } from './artifacts.js';
export { writeFileAtomic } from './atomic-write.js';
export type { FailurePhase } from './errors.js';
export { ComponentError } from './errors.js';
export type { ExecuteOptions, ExecutionResult } from './execute.js';
export { executeComponent } from './execute.js';
export type { ExecutorInputView } from './executor-input.js';
export { parseExecutorInput } from './executor-input.js';
export type { ComponentSource } from './find-component.js';
export { findFunctionComponent } from './find-component.js';
export type { ExecutorArgs, MainOptions } from './main.js';
export { executorMain, parseExecutorArgs } from './main.js';
export { parameterFileText } from './parameters.js';
export type { PathForUri } from './uri-path.js';
export { kfpPathForUri } from './uri-path.js';
