import * as z from 'zod/mini';

/**
 * The parts of KFP's ExecutorInput the executor reads, checked before anything runs. The full,
 * strict schema lives in `@kfp-ts/schemas`; this one is written with `zod/mini` and accepts
 * unknown fields because it ships inside every component bundle: full zod adds ~120 KB of
 * gzip+base64 to a bundle, which alone would push every component past the size that can be
 * embedded in the pipeline spec, and a backend adding a field must not break running
 * components. (The tests check that both schemas accept the same documents.)
 */
const RuntimeArtifactSchema = z.looseObject({
  name: z.optional(z.string()),
  type: z.optional(
    z.looseObject({ schemaTitle: z.optional(z.string()), schemaVersion: z.optional(z.string()) }),
  ),
  uri: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.unknown())),
  customPath: z.optional(z.string()),
  custom_path: z.optional(z.string()),
});

const ArtifactListSchema = z.looseObject({ artifacts: z.optional(z.array(RuntimeArtifactSchema)) });

export const ExecutorInputSchema = z.looseObject({
  inputs: z.optional(
    z.looseObject({
      parameterValues: z.optional(z.record(z.string(), z.unknown())),
      artifacts: z.optional(z.record(z.string(), ArtifactListSchema)),
    }),
  ),
  outputs: z.optional(
    z.looseObject({
      parameters: z.optional(z.record(z.string(), z.looseObject({ outputFile: z.string() }))),
      artifacts: z.optional(z.record(z.string(), ArtifactListSchema)),
      outputFile: z.optional(z.string()),
    }),
  ),
});

export type ExecutorInputView = z.infer<typeof ExecutorInputSchema>;
export type RuntimeArtifactView = z.infer<typeof RuntimeArtifactSchema>;

/**
 * Parses the executor input (the JSON text of `--executor_input`, or the parsed object) and
 * returns it, or a one-line description of what is wrong.
 */
export function parseExecutorInput(
  input: unknown,
): { ok: true; value: ExecutorInputView } | { ok: false; problem: string } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, problem: `it is not JSON (${(error as Error).message})` };
    }
  }
  const result = ExecutorInputSchema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.map(String).join('.') : 'the document';
  const expected = 'expected' in issue ? `expected ${String(issue.expected)}` : issue.code.replace(/_/g, ' ');
  return { ok: false, problem: `${where}: ${expected}` };
}
