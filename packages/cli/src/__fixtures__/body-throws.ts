// The body's own code throws (not a DSL error).
import { pipeline } from '@kfp-ts/dsl';

export const broken = pipeline({ name: 'broken' }, () => {
  throw new RangeError('no folds configured');
});
