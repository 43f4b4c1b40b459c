import { component, param } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { executeComponent } from './execute.js';

const quitter = component({
  name: 'quitter',
  inputs: { code: param.int() },
  outputs: { out: param.string() },
  run: ({ code }) => {
    process.exit(code);
  },
});

const executorInput = (code: number, outputFile: string) => ({
  inputs: { parameterValues: { code } },
  outputs: { parameters: { out: { outputFile: `${outputFile}.out` } }, outputFile },
});

describe('a component that calls process.exit in-process', () => {
  it('fails that component with a clear message and leaves the process (and process.exit) alone', async () => {
    const exit = process.exit;
    const result = await executeComponent(
      quitter.definition,
      executorInput(0, '/tmp/kfp-ts-exit-guard/out.json'),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/component 'quitter' failed: it called process\.exit\(0\)/);
    expect(process.exit).toBe(exit);
  });

  it('restores process.exit only when the last of several concurrent runs ends', async () => {
    const exit = process.exit;
    const results = await Promise.all(
      [0, 1, 2].map((code) =>
        executeComponent(quitter.definition, executorInput(code, `/tmp/kfp-ts-exit-guard/${code}.json`)),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([false, false, false]);
    expect(process.exit).toBe(exit);
  });
});
