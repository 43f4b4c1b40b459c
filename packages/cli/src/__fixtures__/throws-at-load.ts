// The module throws while it is evaluated.
import { pipeline } from '@kfp-ts/dsl';

export const fine = pipeline({ name: 'fine' }, () => {});

throw new Error('cannot read config.json');
