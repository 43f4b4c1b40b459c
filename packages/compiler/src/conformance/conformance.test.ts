import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGolden, describeDifferences, GOLDEN_DIR, GOLDENS } from './goldens.js';

describe('conformance with the Python kfp compiler', () => {
  it('has a port for every golden file', () => {
    const files = readdirSync(fileURLToPath(GOLDEN_DIR))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
    expect(GOLDENS.map((g) => g.name).sort()).toEqual(files);
  });

  for (const golden of GOLDENS) {
    it(golden.name, async () => {
      const differences = await checkGolden(golden);
      if (differences.length > 0) {
        expect.fail(
          `${differences.length} difference(s) from ${golden.name}.yaml:\n${describeDifferences(differences)}`,
        );
      }
    });
  }
});
