import type { ContainerComponentDefinition, IOSpec } from '@kfp-ts/dsl';
import { isArtifactSpec, isParamSpec } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { renderArg } from '../executor-spec.js';
import { v1Path } from './__fixtures__/golden-files.js';
import { loadComponentFromFile, loadComponentFromText } from './load-component.js';

/** A declaration in a comparable form: `STRING`, `STRING?=x`, `system.Dataset`, `system.Artifact?`. */
function describeSpec(spec: IOSpec): string {
  if (isParamSpec(spec)) {
    const optional = spec.optional ? '?' : '';
    return spec.hasDefault
      ? `${spec.kind}${optional}=${JSON.stringify(spec.default)}`
      : `${spec.kind}${optional}`;
  }
  if (isArtifactSpec(spec))
    return `${spec.type.schemaTitle}@${spec.type.schemaVersion}${spec.isList ? '[]' : ''}${spec.optional ? '?' : ''}`;
  return 'not a spec';
}

const describeAll = (specs: Record<string, IOSpec>) =>
  Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, describeSpec(spec)]));

function container(text: string): ContainerComponentDefinition {
  const definition = loadComponentFromText(text, { source: 'test.yaml' }).definition;
  if (definition.kind !== 'container')
    throw new Error(`expected a container definition, got ${definition.kind}`);
  return definition;
}

/** A v1 component with the given inputs/outputs YAML and args, for rule-by-rule checks. */
const v1 = (io: string, args: string) => `
name: Probe
${io}
implementation:
  container:
    image: alpine
    args: ${args}
`;

describe('the v1 files that pipeline_with_resource_spec loads', () => {
  it('loads ingestion_component.yaml', () => {
    const ingestion = loadComponentFromFile(v1Path('ingestion_component.yaml'));
    const definition = ingestion.definition as ContainerComponentDefinition;
    expect(definition.kind).toBe('container');
    expect(definition.name).toBe('Ingestion');
    expect(definition.description).toBe('Component to ingest data to the pipeline\n');
    expect(describeAll(definition.inputs)).toEqual({ input_location: 'STRING' });
    expect(describeAll(definition.outputs)).toEqual({ examples: 'system.Dataset@0.0.1' });
    expect(definition.image).toBe('gcr.io/my-project/my-ingestor');
    expect(definition.command).toEqual([]);
    expect(definition.args).toEqual([
      '--input-location',
      "{{$.inputs.parameters['input_location']}}",
      '--output-examples',
      "{{$.outputs.artifacts['examples'].uri}}",
    ]);
    expect(definition.env).toBeUndefined();
  });

  it('loads fancy_trainer_component.yaml', () => {
    const definition = loadComponentFromFile(v1Path('fancy_trainer_component.yaml'))
      .definition as ContainerComponentDefinition;
    expect(definition.name).toBe('Trainer');
    expect(describeAll(definition.inputs)).toEqual({
      examples: 'system.Dataset@0.0.1',
      optimizer: 'STRING',
      n_epochs: 'NUMBER_INTEGER',
    });
    expect(describeAll(definition.outputs)).toEqual({ model: 'system.Model@0.0.1' });
    expect(definition.image).toBe('gcr.io/my-project/my-fancy-trainer');
    expect(definition.args).toEqual([
      '--input-examples',
      "{{$.inputs.artifacts['examples'].uri}}",
      '--optimizer',
      "{{$.inputs.parameters['optimizer']}}",
      '--n_epochs',
      "{{$.inputs.parameters['n_epochs']}}",
      '--output-model',
      "{{$.outputs.artifacts['model'].uri}}",
    ]);
  });

  it('drops the descriptions of inputs and outputs, as KFP does', () => {
    const definition = loadComponentFromFile(v1Path('fancy_trainer_component.yaml')).definition;
    expect(Object.values(definition.inputs).map((spec) => spec.description)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(definition.outputs.model?.description).toBeUndefined();
  });

  it('is a callable component with the definition attached', () => {
    const trainer = loadComponentFromFile(v1Path('fancy_trainer_component.yaml'));
    expect(typeof trainer).toBe('function');
    expect(trainer.name).toBe('Trainer');
  });
});

describe('v1 types', () => {
  it('maps parameter type names, case-insensitively, generics reduced to their outer name', () => {
    const definition = container(
      v1(
        `inputs:
- {name: a, type: Integer}
- {name: b, type: int}
- {name: c, type: Float}
- {name: d, type: double}
- {name: e, type: String}
- {name: f, type: text}
- {name: g, type: Bool}
- {name: h, type: boolean}
- {name: i, type: JsonObject}
- {name: j, type: Dict}
- {name: k, type: JsonArray}
- {name: l, type: 'typing.List[str]'}
- {name: m, type: PipelineTaskFinalStatus}`,
        '[]',
      ),
    );
    expect(describeAll(definition.inputs)).toEqual({
      a: 'NUMBER_INTEGER',
      b: 'NUMBER_INTEGER',
      c: 'NUMBER_DOUBLE',
      d: 'NUMBER_DOUBLE',
      e: 'STRING',
      f: 'STRING',
      g: 'BOOLEAN',
      h: 'BOOLEAN',
      i: 'STRUCT',
      j: 'STRUCT',
      k: 'LIST',
      l: 'LIST',
      m: 'TASK_FINAL_STATUS?',
    });
  });

  it('maps artifact type names and google types; unknown, structured and missing types are system.Artifact', () => {
    const definition = container(
      v1(
        `inputs:
- {name: a, type: Model}
- {name: b, type: dataset}
- {name: c, type: Metrics}
- {name: d, type: ClassificationMetrics}
- {name: e, type: SlicedClassificationMetrics}
- {name: f, type: HTML}
- {name: g, type: markdown}
- {name: h, type: Artifact}
- {name: i, type: google.VertexModel}
- {name: j, type: GCSPath}
- {name: k, type: {GCSPath: {data_type: CSV}}}
- {name: l}
- {name: m, type: ApacheParquet}`,
        '[]',
      ),
    );
    expect(describeAll(definition.inputs)).toEqual({
      a: 'system.Model@0.0.1',
      b: 'system.Dataset@0.0.1',
      c: 'system.Metrics@0.0.1',
      d: 'system.ClassificationMetrics@0.0.1',
      e: 'system.SlicedClassificationMetrics@0.0.1',
      f: 'system.HTML@0.0.1',
      g: 'system.Markdown@0.0.1',
      h: 'system.Artifact@0.0.1',
      i: 'google.VertexModel@0.0.1',
      j: 'system.Artifact@0.0.1',
      k: 'system.Artifact@0.0.1',
      l: 'system.Artifact@0.0.1',
      m: 'system.Artifact@0.0.1',
    });
  });

  it('casts defaults to the parameter type and makes inputs with a default optional', () => {
    const definition = container(
      v1(
        `inputs:
- {name: a, type: Integer, default: '10'}
- {name: b, type: Float, default: '1e-3'}
- {name: c, type: Bool, default: 'False'}
- {name: d, type: Boolean, default: yes}
- {name: e, type: String, default: 3}
- {name: f, type: String, default: true}
- {name: g, type: JsonArray, default: '[1, "x"]'}
- {name: h, type: JsonObject, default: '{"k": 1}'}
- {name: i, type: String, optional: true}
- {name: j, type: Float, default: 0.5}
- {name: k, type: String, optional: false}`,
        '[]',
      ),
    );
    expect(describeAll(definition.inputs)).toEqual({
      a: 'NUMBER_INTEGER?=10',
      b: 'NUMBER_DOUBLE?=0.001',
      c: 'BOOLEAN?=false',
      d: 'BOOLEAN?=true',
      e: 'STRING?="3"',
      // Python's str(True), which is what KFP writes for it.
      f: 'STRING?="True"',
      g: 'LIST?=[1,"x"]',
      h: 'STRUCT?={"k":1}',
      i: 'STRING?',
      j: 'NUMBER_DOUBLE?=0.5',
      k: 'STRING',
    });
  });

  it('makes an optional artifact of an artifact input with a default (the IR holds no artifact default)', () => {
    const definition = container(
      v1('inputs:\n- {name: data, type: GCSPath, default: "gs://b/x.csv"}', '[{inputUri: data}]'),
    );
    expect(describeAll(definition.inputs)).toEqual({ data: 'system.Artifact@0.0.1?' });
  });

  it('maps output types: parameters, artifacts, and system.Artifact for the rest', () => {
    const definition = container(
      v1(
        `outputs:
- {name: n, type: Integer}
- {name: s, type: String}
- {name: m, type: Model}
- {name: g, type: GCSPath}
- {name: u}`,
        '[{outputPath: n}, {outputPath: s}, {outputPath: m}, {outputUri: g}, {outputPath: u}]',
      ),
    );
    expect(describeAll(definition.outputs)).toEqual({
      n: 'NUMBER_INTEGER',
      s: 'STRING',
      m: 'system.Model@0.0.1',
      g: 'system.Artifact@0.0.1',
      u: 'system.Artifact@0.0.1',
    });
  });
});

describe('v1 types decided by how the command line uses an input', () => {
  it('makes a parameter-typed input read as a file a system.Artifact', () => {
    const definition = container(
      v1(
        'inputs:\n- {name: config, type: String}\n- {name: rows, type: JsonArray}',
        '[{inputPath: config}, {inputUri: rows}]',
      ),
    );
    expect(describeAll(definition.inputs)).toEqual({
      config: 'system.Artifact@0.0.1',
      rows: 'system.Artifact@0.0.1',
    });
    expect(definition.args).toEqual([
      "{{$.inputs.artifacts['config'].path}}",
      "{{$.inputs.artifacts['rows'].uri}}",
    ]);
  });

  it('makes an untyped or unknown-typed input read only as a value a STRING parameter', () => {
    const definition = container(
      v1(
        'inputs:\n- {name: url, type: GCSPath}\n- {name: note, default: 7}\n- {name: flag, optional: true}',
        '[{inputValue: url}, {inputValue: note}, {if: {cond: {isPresent: flag}, then: [{inputValue: flag}]}}]',
      ),
    );
    expect(describeAll(definition.inputs)).toEqual({ url: 'STRING', note: 'STRING?="7"', flag: 'STRING?' });
  });

  it('makes a parameter-typed output written through {outputUri} a system.Artifact', () => {
    const definition = container(v1('outputs:\n- {name: report, type: String}', '[{outputUri: report}]'));
    expect(describeAll(definition.outputs)).toEqual({ report: 'system.Artifact@0.0.1' });
  });

  it('makes an output parameter written through both {outputPath} and {outputUri} an artifact', () => {
    const definition = container(
      v1('outputs:\n- {name: n, type: Integer}', '[{outputPath: n}, {outputUri: n}]'),
    );
    expect(describeAll(definition.outputs)).toEqual({ n: 'system.Artifact@0.0.1' });
    expect(definition.args).toEqual([
      "{{$.outputs.artifacts['n'].path}}",
      "{{$.outputs.artifacts['n'].uri}}",
    ]);
  });
});

describe('v1 placeholders', () => {
  it('sanitises names as KFP does, in declarations and in placeholders', () => {
    const definition = container(`
name: Add
inputs:
- {name: op-1, type: Integer}
- {name: Op Two, type: Integer}
outputs:
- {name: sum, type: Integer}
implementation:
  container:
    image: google/cloud-sdk:latest
    command:
    - sh
    - -c
    - |
      set -e -x
      echo "$(($0+$1))" | gsutil cp - "$2"
    - {inputValue: op-1}
    - {inputValue: Op Two}
    - {outputPath: sum}
`);
    expect(Object.keys(definition.inputs)).toEqual(['op_1', 'op_two']);
    expect(definition.command.slice(3)).toEqual([
      "{{$.inputs.parameters['op_1']}}",
      "{{$.inputs.parameters['op_two']}}",
      // An output parameter is a file the container writes.
      "{{$.outputs.parameters['sum'].output_file}}",
    ]);
  });

  it('writes {outputPath} of an artifact as the artifact path, and {executorInput} as {{$}}', () => {
    const definition = container(
      v1(
        'inputs:\n- {name: data, type: Dataset}\noutputs:\n- {name: model, type: Model}',
        '[{inputPath: data}, {outputPath: model}, {executorInput: null}]',
      ),
    );
    expect(definition.args).toEqual([
      "{{$.inputs.artifacts['data'].path}}",
      "{{$.outputs.artifacts['model'].path}}",
      '{{$}}',
    ]);
  });

  it('converts concat and if as KFP writes them (JSON strings in the IR)', () => {
    const definition = container(`
name: Component with optional inputs
inputs:
- {name: required_input, type: String}
- {name: optional_input_1, type: String, optional: true}
- {name: optional_input_2, type: String, optional: true}
implementation:
  container:
    image: gcr.io/my-project/my-image
    args:
    - --arg0
    - concat: [{inputValue: required_input}, '-suffix']
    - if:
        cond: {isPresent: optional_input_1}
        then: [--arg1, {inputValue: optional_input_1}]
    - if:
        cond:
          isPresent: optional_input_2
        then:
        - --arg2
        - {inputValue: optional_input_2}
        else: [--arg3, default value]
`);
    expect(definition.args.map(renderArg)).toEqual([
      '--arg0',
      `{"Concat": ["{{$.inputs.parameters['required_input']}}", "-suffix"]}`,
      `{"IfPresent": {"InputName": "optional_input_1", "Then": ["--arg1", "{{$.inputs.parameters['optional_input_1']}}"]}}`,
      `{"IfPresent": {"InputName": "optional_input_2", "Then": ["--arg2", "{{$.inputs.parameters['optional_input_2']}}"], "Else": ["--arg3", "default value"]}}`,
    ]);
  });

  it('decides an if with a constant condition when loading', () => {
    const definition = container(
      v1(
        'inputs:\n- {name: x, type: String}',
        "[a, {if: {cond: true, then: [b, {inputValue: x}], else: c}}, {if: {cond: 'False', then: d, else: [e]}}]",
      ),
    );
    expect(definition.args).toEqual(['a', 'b', "{{$.inputs.parameters['x']}}", 'e']);
  });

  it('keeps an if inside concat when its branches are single arguments', () => {
    const definition = container(
      v1(
        'inputs:\n- {name: x, type: String, optional: true}',
        '[{concat: [--x=, {if: {cond: {isPresent: x}, then: {inputValue: x}, else: none}}]}]',
      ),
    );
    expect(definition.args.map(renderArg)).toEqual([
      `{"Concat": ["--x=", {"IfPresent": {"InputName": "x", "Then": ["{{$.inputs.parameters['x']}}"], "Else": ["none"]}}]}`,
    ]);
  });

  it('keeps env, and command apart from args', () => {
    const definition = container(`
name: Env
implementation:
  container:
    image: alpine
    command: [sh, -c, 'echo $MODE']
    env: {MODE: fast, LEVEL: '3'}
`);
    expect(definition.command).toEqual(['sh', '-c', 'echo $MODE']);
    expect(definition.args).toEqual([]);
    expect(definition.env).toEqual({ MODE: 'fast', LEVEL: '3' });
  });

  it("reads scalars as KFP's PyYAML does: y and n are text, 1e3 is text, yes is a boolean", () => {
    const definition = container(
      v1(
        'inputs:\n- {name: y, type: String}\n- {name: n, type: String, default: 1e3}',
        '[{inputValue: y}, -n, {inputValue: n}]',
      ),
    );
    expect(Object.keys(definition.inputs)).toEqual(['y', 'n']);
    expect(describeSpec(definition.inputs.n!)).toBe('STRING?="1e3"');
  });

  it('names a component without a name "name", as KFP does', () => {
    expect(container('implementation: {container: {image: alpine}}').name).toBe('name');
  });
});
