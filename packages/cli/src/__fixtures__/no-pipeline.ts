// Exports a component and a constant, but no pipeline.
import { component, param } from '@kfp-ts/dsl';

export const prepare = component({ name: 'prepare', inputs: { uri: param.string() }, run: () => {} });
export const answer = 42;
