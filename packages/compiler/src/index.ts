/**
 * @kfp-ts/compiler: DSL graph -> IR object (PipelineSpec) -> YAML.
 */
export type { CompileOptions, CompileResult } from './compile.js';
export { compile, compileWithAssets, SDK_VERSION } from './compile.js';
export { compileToYaml } from './compile-to-yaml.js';
export type {
  CompiledAsset,
  ContainerCommand,
  FunctionExecutorSession,
  FunctionExecutorStrategy,
  ShippingOptions,
} from './function-executor.js';
export {
  bundledExecutor,
  createFunctionExecutorSession,
  DEFAULT_NODE_IMAGE,
  defaultFunctionExecutor,
  prebuiltImageExecutor,
} from './function-executor.js';
export type { LoadComponentOptions, LoadedComponent } from './load/load-component.js';
export { loadComponentFromFile, loadComponentFromText } from './load/load-component.js';
export { emitKfpYaml, pipelineHeader, toKfpYaml } from './yaml/index.js';
