/**
 * @kfp-ts/compiler: DSL graph -> IR object (PipelineSpec) -> YAML.
 */
export type { CompileOptions } from './compile.js';
export { compile, SDK_VERSION } from './compile.js';
export { compileToYaml } from './compile-to-yaml.js';
export type { ContainerCommand, FunctionExecutorStrategy } from './function-executor.js';
export { DEFAULT_NODE_IMAGE, prebuiltImageExecutor } from './function-executor.js';
export type { LoadComponentOptions, LoadedComponent } from './load/load-component.js';
export { loadComponentFromFile, loadComponentFromText } from './load/load-component.js';
