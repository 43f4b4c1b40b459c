import type { FunctionComponentDefinition } from '@kfp-ts/dsl';

/** Node.js image TypeScript components run on unless they or the pipeline name another. */
export const DEFAULT_NODE_IMAGE = 'node:20-slim';

export interface ContainerCommand {
  readonly image: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
}

/**
 * Decides how the container runs a TypeScript function component. The args follow KFP's
 * lightweight-component contract (`--executor_input {{$}} --function_to_execute <name>`) so any
 * KFP backend passes the executor input the same way.
 */
export type FunctionExecutorStrategy = (
  component: FunctionComponentDefinition,
  image: string,
) => ContainerCommand;

/**
 * Until component bundling lands (the executor issue), the command names the kfp-ts executor
 * expected on the image's PATH: the "prebuilt image" shipping mode.
 */
export const prebuiltImageExecutor: FunctionExecutorStrategy = (component, image) => ({
  image,
  command: ['kfp-ts-executor'],
  args: ['--executor_input', '{{$}}', '--function_to_execute', component.name],
});
