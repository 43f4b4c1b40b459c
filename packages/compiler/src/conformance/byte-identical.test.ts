// Where a golden has no Python in it (only container components), our YAML must be the very bytes
// the Python compiler wrote: same IR, same key order, same PyYAML quoting and folding.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToYaml, SDK_VERSION } from '../index.js';
import { GOLDEN_DIR, GOLDENS } from './goldens.js';

const goldenText = (name: string) => readFileSync(fileURLToPath(new URL(`${name}.yaml`, GOLDEN_DIR)), 'utf8');
const withoutPython = GOLDENS.filter((g) => !goldenText(g.name).includes('kfp.dsl.executor_main'));

describe('byte-identical YAML for goldens made of container components only', () => {
  it('covers the container-only goldens', () => {
    expect(withoutPython.map((g) => g.name)).toEqual([
      'two_step_pipeline',
      'two_step_pipeline_containerized',
      'pipeline_with_resource_spec',
      'container_with_if_placeholder',
      'pipeline_with_after',
    ]);
  });

  it.each(withoutPython.map((g) => [g.name, g] as const))('%s', async (name, golden) => {
    const port = await golden.load();
    const expected = goldenText(name).replace(/^sdkVersion: .*$/m, `sdkVersion: ${SDK_VERSION}`);
    expect(compileToYaml(port.target, port.options)).toBe(expected);
  });
});
