import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A fresh folder for one test's outputs. */
export function tempDir(prefix = 'kfp-ts-executor-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * An ExecutorInput like the KFP driver writes: output parameter files under `<root>/outputs`,
 * output artifacts under `<root>/artifacts`, the ExecutorOutput at `<root>/executor_output.json`.
 */
export function executorInputFor(
  root: string,
  options: {
    parameterValues?: Record<string, unknown>;
    inputArtifacts?: Record<
      string,
      { uri: string; metadata?: Record<string, unknown>; schemaTitle?: string }[]
    >;
    outputParameters?: readonly string[];
    outputArtifacts?: Record<string, string>;
  },
) {
  const artifactList = (
    uri: string,
    name: string,
    schemaTitle: string,
    metadata: Record<string, unknown> = {},
  ) => ({
    name,
    type: { schemaTitle, schemaVersion: '0.0.1' },
    uri,
    metadata,
  });
  return {
    inputs: {
      parameterValues: options.parameterValues ?? {},
      artifacts: Object.fromEntries(
        Object.entries(options.inputArtifacts ?? {}).map(([name, list]) => [
          name,
          {
            artifacts: list.map((a) =>
              artifactList(a.uri, name, a.schemaTitle ?? 'system.Dataset', a.metadata),
            ),
          },
        ]),
      ),
    },
    outputs: {
      parameters: Object.fromEntries(
        (options.outputParameters ?? []).map((name) => [
          name,
          { outputFile: path.join(root, 'outputs', name) },
        ]),
      ),
      artifacts: Object.fromEntries(
        Object.entries(options.outputArtifacts ?? {}).map(([name, schemaTitle]) => [
          name,
          { artifacts: [artifactList(path.join(root, 'artifacts', name), name, schemaTitle)] },
        ]),
      ),
      outputFile: path.join(root, 'executor_output.json'),
    },
  };
}

/** Parameter values that would break anything that passed them through a shell or a template. */
export const HOSTILE_STRINGS: readonly string[] = [
  `it's "quoted" \\ back\\slash`,
  '$(rm -rf /)',
  '`touch /tmp/pwned`',
  'line one\nline two\r\n\ttabbed',
  'unicode: héllo 日本語 🚀 \u202e',
  '{{$}}',
  "{{$.inputs.parameters['x']}}",
  '; echo pwned && exit 1 | cat',
  '--executor_input',
  '',
  ' leading and trailing spaces ',
];
