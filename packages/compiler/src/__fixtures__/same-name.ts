// Two different components with one name in one module: the container could not tell them apart.
import { component, pipeline } from '@kfp-ts/dsl';

const first = component({ name: 'twin', run: () => {} });
const second = component({ name: 'twin', run: () => {} });

export const twins = pipeline({ name: 'twins' }, () => {
  first();
  second();
});
