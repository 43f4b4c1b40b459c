// A module that fails while loading, before any component could run.
import { component } from '@kfp-ts/dsl';

export const never = component({ name: 'never', run: () => {} });

const config: { region?: string } = {};
if (!config.region) throw new Error('REGION is not set');
