import { sanitizeName } from './names.js';
import type { IOSpecs } from './specs.js';
import { isArtifactSpec, isParamSpec } from './specs.js';

const IO_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Checks a component's declarations when it is defined, so a mistake points at the definition. */
export function checkComponentIO(name: string, inputs: IOSpecs, outputs: IOSpecs): void {
  if (typeof name !== 'string' || sanitizeName(name) === '') {
    throw new TypeError(
      `A component needs a name with at least one letter or digit; got ${JSON.stringify(name)}.`,
    );
  }
  for (const [what, specs] of [
    ['input', inputs],
    ['output', outputs],
  ] as const) {
    for (const [key, spec] of Object.entries(specs)) {
      if (key.startsWith('pipelinechannel--')) {
        throw new TypeError(
          `component '${name}': ${what} name '${key}' is reserved: the compiler injects inputs named pipelinechannel--*.`,
        );
      }
      if (!IO_NAME.test(key)) {
        throw new TypeError(
          `component '${name}': ${what} name '${key}' must be an identifier (letters, digits, _ and -).`,
        );
      }
      if (!isParamSpec(spec) && !isArtifactSpec(spec)) {
        throw new TypeError(
          `component '${name}': ${what} '${key}' must be declared with param.*(), artifact() or artifactList().`,
        );
      }
      if (what === 'output' && isParamSpec(spec) && (spec.hasDefault || spec.kind === 'TASK_FINAL_STATUS')) {
        throw new TypeError(
          `component '${name}': output '${key}' cannot have a default or be a task final status.`,
        );
      }
    }
  }
  const both = Object.keys(inputs).filter((k) => k in outputs);
  if (both.length) {
    throw new TypeError(
      `component '${name}': ${both.map((k) => `'${k}'`).join(', ')} is both an input and an output.`,
    );
  }
}
