/**
 * A KFP v1 `component.yaml` (already validated against the v1 schema) as a kfp-ts container
 * component definition, with KFP 2's semantics so that the IR compiled from it is the IR the
 * Python SDK compiles from the same file:
 *
 * - names are sanitised as KFP does (`Op 1` -> `op_1`), and placeholders match them the same way;
 * - types follow `v1-types.ts`; an input is optional when it says so or has a default, and a
 *   parameter's default is cast to its type;
 * - `{outputPath: x}` is the output parameter's file when `x` has a parameter type and the
 *   artifact's path otherwise;
 * - descriptions of inputs and outputs are dropped, as KFP drops them (the IR it writes for a
 *   v1 component has none).
 *
 * Where KFP 2 rejects a file that v1 accepted, two cases are accepted here instead, typed by how
 * the command line uses the input (the file gives no better evidence):
 *
 * - a parameter-typed input read through `{inputPath}`/`{inputUri}` is a `system.Artifact`
 *   (KFP 2: "cannot be paired with InputPathPlaceholder");
 * - an input of no or an unknown type (`GCSPath`, untyped) read only through `{inputValue}` is a
 *   STRING parameter (KFP 2 makes it an artifact, then rejects the `{inputValue}`); likewise a
 *   parameter-typed output written through `{outputUri}` is a `system.Artifact`.
 *
 * What v2 cannot express at all is reported: graph components, `fileOutputs`, metadata and
 * port-name placeholders, and conditions on an input's value.
 */
import type { ContainerComponentDefinition, IOSpec, IOSpecs } from '@kfp-ts/dsl';
import { Artifact, sanitizeName } from '@kfp-ts/dsl';
import type { V1ComponentSpec, V1InputSpec, V1OutputSpec } from '@kfp-ts/schemas';
import { artifactSpecOf, paramSpecOf } from './io-specs.js';
import { type DocumentPath, fail } from './load-issues.js';
import { showValue } from './schema-issues.js';
import { convertArguments, type PlaceholderScope, placeholderUses, type V1Use } from './v1-placeholders.js';
import { declaredType, parameterDefault, pythonStr } from './v1-types.js';

/** KFP's `sanitize_input_name`: lower case, runs of other characters become `_`, no `_` at the ends. */
export function sanitizeIoName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^_0-9a-z]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** KFP's name for a v1 component without one. */
const DEFAULT_NAME = 'name';

const CONTAINER: DocumentPath = ['implementation', 'container'];

export function v1ComponentDefinition(spec: V1ComponentSpec): ContainerComponentDefinition {
  const { implementation } = spec;
  if (!implementation.container) {
    return fail(
      ['implementation', 'graph'],
      'graph components are not supported: KFP v2 loads only container components (implementation.container)',
    );
  }
  const container = implementation.container;
  if (container.fileOutputs) {
    // KFP 2 ignores the field, so such outputs would silently never be written.
    fail(
      [...CONTAINER, 'fileOutputs'],
      'fileOutputs is not supported by KFP v2: write each output to {outputPath: <output name>} instead',
    );
  }
  const command = container.command ?? [];
  const args = container.args ?? [];
  const uses = [
    ...placeholderUses(command, [...CONTAINER, 'command']),
    ...placeholderUses(args, [...CONTAINER, 'args']),
  ];

  const inputKeys = ioKeys(spec.inputs ?? [], 'inputs');
  const outputKeys = ioKeys(spec.outputs ?? [], 'outputs');
  (spec.outputs ?? []).forEach((output, i) => {
    const key = outputKeys[i]!;
    if (inputKeys.includes(key)) {
      fail(
        ['outputs', i, 'name'],
        `'${output.name}' is both an input and an output; kfp-ts needs different names`,
      );
    }
  });
  const usesOf = (key: string, kinds: readonly string[]) =>
    uses.filter((use) => kinds.includes(use.kind) && sanitizeIoName(use.name) === key);

  const inputs: Record<string, IOSpec> = {};
  (spec.inputs ?? []).forEach((input, i) => {
    const key = inputKeys[i]!;
    inputs[key] = inputSpec(input, i, usesOf(key, ['inputValue']), usesOf(key, ['inputPath', 'inputUri']));
  });
  const outputs: Record<string, IOSpec> = {};
  (spec.outputs ?? []).forEach((output, i) => {
    const key = outputKeys[i]!;
    outputs[key] = outputSpec(output, i, usesOf(key, ['outputUri']).length > 0);
  });

  const name = spec.name ?? DEFAULT_NAME;
  if (sanitizeName(name) === '')
    fail(['name'], `name ${showValue(name)} has no letter or digit to name tasks by`);
  const scope = placeholderScope(spec, inputs, outputs);
  const definition: ContainerComponentDefinition = {
    kind: 'container',
    name,
    inputs: inputs as IOSpecs,
    outputs: outputs as IOSpecs,
    image: container.image,
    command: convertArguments(command, [...CONTAINER, 'command'], scope),
    args: convertArguments(args, [...CONTAINER, 'args'], scope),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(container.env && Object.keys(container.env).length ? { env: { ...container.env } } : {}),
  };
  return definition;
}

/** Sanitised names, checked to be usable and distinct. */
function ioKeys(specs: readonly (V1InputSpec | V1OutputSpec)[], list: 'inputs' | 'outputs'): string[] {
  const what = list === 'inputs' ? 'input' : 'output';
  const seen = new Map<string, string>();
  return specs.map((spec, i) => {
    const key = sanitizeIoName(spec.name);
    if (!/^[a-z]/.test(key)) {
      // The DSL's names are identifiers; KFP would accept `1st_input`, the DSL does not.
      fail(
        [list, i, 'name'],
        `${what} name '${spec.name}' becomes '${key}', which is not a name kfp-ts can use (it must start with a letter)`,
      );
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail([list, i, 'name'], `${what}s '${earlier}' and '${spec.name}' both become '${key}'`);
    }
    seen.set(key, spec.name);
    return key;
  });
}

function inputSpec(input: V1InputSpec, index: number, asValue: V1Use[], asFile: V1Use[]): IOSpec {
  const declared = declaredType(input.type);
  const optional = input.optional === true || input.default !== undefined;
  if (declared.kind !== 'artifact' && asValue.length && asFile.length) {
    return fail(
      asFile[0]!.path,
      `input '${input.name}' is used both as a value ({inputValue}) and as a file ({inputPath}/{inputUri}); a KFP v2 input is either a parameter or an artifact`,
    );
  }
  if (declared.kind === 'parameter') {
    if (asFile.length) return artifactSpecOf(Artifact, { optional });
    return paramSpecOf(declared.parameterType, {
      optional,
      default: defaultFor(input, index, declared.parameterType),
    });
  }
  if (declared.kind === 'artifact') {
    if (asValue.length) {
      fail(
        asValue[0]!.path,
        `input '${input.name}' is a ${declared.artifactType.schemaTitle} artifact; {inputValue} passes parameter values: use {inputPath: ${input.name}} or {inputUri: ${input.name}}`,
      );
    }
    // An artifact input cannot have a default in the IR; KFP keeps only its optional-ness.
    return artifactSpecOf(declared.artifactType, { optional });
  }
  if (asValue.length) {
    return paramSpecOf('STRING', {
      optional,
      default: input.default === undefined ? undefined : pythonStr(input.default),
    });
  }
  return artifactSpecOf(Artifact, { optional });
}

function defaultFor(input: V1InputSpec, index: number, kind: Parameters<typeof parameterDefault>[0]) {
  if (input.default === undefined) return undefined;
  const result = parameterDefault(kind, input.default);
  if (!result.ok) {
    const type = typeof input.type === 'string' ? input.type : kind;
    return fail(
      ['inputs', index, 'default'],
      `default ${showValue(input.default)} of ${type} input '${input.name}' ${result.reason}`,
    );
  }
  return result.value;
}

function outputSpec(output: V1OutputSpec, index: number, asUri: boolean): IOSpec {
  const declared = declaredType(output.type);
  if (declared.kind === 'parameter') {
    if (declared.parameterType === 'TASK_FINAL_STATUS') {
      return fail(['outputs', index, 'type'], `output '${output.name}' cannot be a PipelineTaskFinalStatus`);
    }
    return asUri ? artifactSpecOf(Artifact) : paramSpecOf(declared.parameterType);
  }
  return artifactSpecOf(declared.kind === 'artifact' ? declared.artifactType : Artifact);
}

/** Looks placeholder names up the way KFP does: sanitised, like the declarations. */
function placeholderScope(spec: V1ComponentSpec, inputs: IOSpecs, outputs: IOSpecs): PlaceholderScope {
  const lookup =
    (what: 'input' | 'output', specs: IOSpecs, others: IOSpecs) =>
    (name: string, path: DocumentPath, written: string) => {
      const key = sanitizeIoName(name);
      const found = specs[key];
      if (found) return { key, spec: found };
      const declared = (what === 'input' ? spec.inputs : spec.outputs)?.map((s) => s.name) ?? [];
      const other = what === 'input' ? 'output' : 'input';
      const hint =
        key in others
          ? `; '${name}' is an ${other}`
          : declared.length
            ? `${didYouMean(name, declared)} (${what}s: ${declared.join(', ')})`
            : ` (the component declares no ${what}s)`;
      return fail(path, `${written} refers to no ${what}${hint}`);
    };
  return { input: lookup('input', inputs, outputs), output: lookup('output', outputs, inputs) };
}

function didYouMean(name: string, candidates: readonly string[]): string {
  const best = candidates
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.max(1, Math.floor(name.length / 3))
    ? `; did you mean '${best.candidate}'?`
    : '';
}

/** Edits (insert, delete, replace, swap two neighbours) between two names: `modle` is 1 from `model`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
