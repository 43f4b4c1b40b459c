/**
 * Conformance report: compiles the port of every golden pipeline (written by the Python kfp
 * compiler) and prints `✓ name`, or `✗ name: <path>: <message>` with the first difference (or the
 * error), then `N/25 goldens match`. Always exits 0 unless the script itself crashes: it is a
 * report, the vitest suite (packages/compiler/src/conformance) is the gate.
 *
 *   pnpm conformance            # node --conditions=@kfp-ts/source --import tsx scripts/conformance.ts
 *   KFP_GOLDEN_DIR=path/to/yaml pnpm conformance
 */
import { checkGolden, GOLDENS } from '../packages/compiler/src/conformance/goldens.js';

let matched = 0;
for (const golden of GOLDENS) {
  try {
    const differences = await checkGolden(golden);
    const first = differences[0];
    if (first === undefined) {
      matched++;
      console.log(`✓ ${golden.name}`);
    } else {
      const more = differences.length > 1 ? ` (+${differences.length - 1} more)` : '';
      console.log(`✗ ${golden.name}: ${first.path}: ${first.message}${more}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`✗ ${golden.name}: ${message.split('\n')[0]}`);
  }
}
console.log(`${matched}/${GOLDENS.length} goldens match`);
