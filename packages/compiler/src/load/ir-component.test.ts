import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContainerComponentDefinition, IOSpec, IrPipelineDefinition } from '@kfp-ts/dsl';
import { isArtifactSpec, isParamSpec, param, pipeline } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { GOLDEN_DIR } from '../conformance/goldens.js';
import { golden, goldenPath } from './__fixtures__/golden-files.js';
import { loadComponentFromFile, loadComponentFromText } from './load-component.js';

function describeSpec(spec: IOSpec): string {
  if (isParamSpec(spec)) {
    const optional = spec.optional ? '?' : '';
    return spec.hasDefault
      ? `${spec.kind}${optional}=${JSON.stringify(spec.default)}`
      : `${spec.kind}${optional}`;
  }
  if (isArtifactSpec(spec))
    return `${spec.type.schemaTitle}${spec.isList ? '[]' : ''}${spec.optional ? '?' : ''}`;
  return 'not a spec';
}
const describeAll = (specs: Record<string, IOSpec>) =>
  Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, describeSpec(spec)]));

/** The IR without the field that names the compiler that wrote it. */
function withoutSdkVersion(ir: object): Record<string, unknown> {
  const { sdkVersion: _, ...rest } = ir as Record<string, unknown>;
  return rest;
}

const GOLDEN_NAMES = readdirSync(fileURLToPath(GOLDEN_DIR))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.slice(0, -'.yaml'.length));

/** The goldens that are compiled single components (the others are pipelines). */
const SINGLE_COMPONENTS = [
  'add_numbers',
  'component_with_pip_install',
  'container_with_if_placeholder',
  'containerized_python_component',
];

describe('a compiled single component (add_numbers.yaml)', () => {
  const addNumbers = loadComponentFromFile(goldenPath('add_numbers'));
  const definition = addNumbers.definition as ContainerComponentDefinition;
  const ir = golden('add_numbers');

  it('is a container component with the executor and the component definitions of the file', () => {
    expect(definition.kind).toBe('container');
    expect(definition.name).toBe('add-numbers');
    expect(describeAll(definition.inputs)).toEqual({ a: 'NUMBER_INTEGER', b: 'NUMBER_INTEGER' });
    expect(describeAll(definition.outputs)).toEqual({ Output: 'NUMBER_INTEGER' });
    const container = ir.deploymentSpec.executors['exec-add-numbers'].container;
    expect(definition.image).toBe(container.image);
    expect(definition.command).toEqual(container.command);
    expect(definition.args).toEqual(container.args);
  });

  it('runs as a task of a pipeline, with the component and executor of the file', () => {
    const target = pipeline(
      { name: 'sum-three', inputs: { x: param.int(), y: param.int(), z: param.int() } },
      (p) => {
        const first = addNumbers({ a: p.x, b: p.y });
        const second = addNumbers({ a: first.outputs.Output, b: p.z });
        // A loaded component's outputs are a string-keyed record: strict indexing says "maybe undefined".
        return { total: second.outputs.Output! };
      },
    );
    const compiled = compile(target) as Record<string, any>;
    expect(compiled.components['comp-add-numbers']).toEqual(ir.components['comp-add-numbers']);
    expect(compiled.components['comp-add-numbers-2']).toEqual({
      ...ir.components['comp-add-numbers'],
      executorLabel: 'exec-add-numbers-2',
    });
    expect(compiled.deploymentSpec.executors['exec-add-numbers']).toEqual(
      ir.deploymentSpec.executors['exec-add-numbers'],
    );
    expect(compiled.root.dag.tasks['add-numbers-2'].inputs.parameters.a).toEqual({
      taskOutputParameter: { outputParameterKey: 'Output', producerTask: 'add-numbers' },
    });
  });

  it('wires its outputs as typed references', () => {
    pipeline({ name: 'typed' }, () => {
      const task = addNumbers({ a: 1, b: 2 });
      expect(task.outputs.Output).toMatchObject({ kind: 'NUMBER_INTEGER' });
    });
  });
});

describe('every compiled single component of the golden set', () => {
  for (const name of SINGLE_COMPONENTS) {
    it(`${name}: compiles back to the file it was loaded from`, () => {
      const loaded = loadComponentFromFile(goldenPath(name));
      expect(loaded.definition.kind).toBe('container');
      expect(withoutSdkVersion(compile(loaded))).toEqual(withoutSdkVersion(golden(name)));
    });
  }

  it('keeps JSON-encoded placeholders as they are (container_with_if_placeholder)', () => {
    const definition = loadComponentFromFile(goldenPath('container_with_if_placeholder'))
      .definition as ContainerComponentDefinition;
    expect(definition.command[1]).toBe(
      `{"IfPresent": {"InputName": "optional_input", "Then": ["{{$.inputs.parameters['optional_input']}}"], "Else": ["bye"]}}`,
    );
    expect(describeAll(definition.inputs)).toEqual({ optional_input: 'STRING?="default"' });
    expect(describeAll(definition.outputs)).toEqual({ dataset: 'system.Dataset', output_path: 'STRING' });
  });
});

describe('a compiled pipeline (pipeline_with_loops.yaml)', () => {
  const loops = loadComponentFromFile(goldenPath('pipeline_with_loops'));
  const ir = golden('pipeline_with_loops');

  it('is an ir-pipeline definition that keeps the whole document', () => {
    const definition = loops.definition as IrPipelineDefinition;
    expect(definition.kind).toBe('ir-pipeline');
    expect(definition.name).toBe('pipeline-with-loops');
    expect(describeAll(definition.inputs)).toEqual({ loop_parameter: 'LIST?=["a","b"]' });
    expect(describeAll(definition.outputs)).toEqual({});
    expect(definition.spec).toEqual(ir);
  });

  it('nests in a pipeline: its components and executors are merged, its root becomes a component', () => {
    const outer = pipeline({ name: 'outer', inputs: { items: param.list() } }, (p) => {
      loops({ loop_parameter: p.items });
    });
    const compiled = compile(outer) as Record<string, any>;
    for (const [key, component] of Object.entries(ir.components))
      expect(compiled.components[key]).toEqual(component);
    expect(compiled.deploymentSpec.executors).toEqual(ir.deploymentSpec.executors);
    const nested = compiled.components['comp-pipeline-with-loops'];
    expect(nested.dag).toEqual(ir.root.dag);
    expect(nested.inputDefinitions).toEqual(ir.root.inputDefinitions);
    expect(compiled.root.dag.tasks['pipeline-with-loops']).toMatchObject({
      componentRef: { name: 'comp-pipeline-with-loops' },
      inputs: { parameters: { loop_parameter: { componentInputParameter: 'items' } } },
    });
  });

  it('renames merged components that clash with the outer pipeline’s, as KFP does', () => {
    const printText = loadComponentFromText(
      'name: print-text\ninputs: [{name: msg, type: String}]\nimplementation: {container: {image: alpine, args: [{inputValue: msg}]}}',
    );
    const outer = pipeline({ name: 'outer' }, () => {
      printText({ msg: 'before' });
      loops();
    });
    const compiled = compile(outer) as Record<string, any>;
    expect(compiled.deploymentSpec.executors['exec-print-text'].container.image).toBe('alpine');
    const executors = Object.keys(compiled.deploymentSpec.executors);
    expect(executors).toHaveLength(1 + Object.keys(ir.deploymentSpec.executors).length);
    expect(Object.keys(compiled.components)).toHaveLength(2 + Object.keys(ir.components).length);
  });
});

describe('every golden file', () => {
  for (const name of GOLDEN_NAMES) {
    it(`${name}: loads as a ${SINGLE_COMPONENTS.includes(name) ? 'container component' : 'nested pipeline'} and compiles`, () => {
      const loaded = loadComponentFromFile(goldenPath(name));
      expect(loaded.definition.kind).toBe(SINGLE_COMPONENTS.includes(name) ? 'container' : 'ir-pipeline');
      expect(() => compile(loaded)).not.toThrow();
    });
  }
});

describe('descriptions of IR documents', () => {
  it('takes pipelineInfo.description, or the "# Description:" header KFP writes', () => {
    const withInfo = loadComponentFromFile(goldenPath('pipeline_with_resource_spec'));
    expect(withInfo.definition.description).toBe('A linear two-step pipeline with resource specification.');
    const ir = `# PIPELINE DEFINITION
# Name: p
# Description: First line.
#              Second line.
pipelineInfo: {name: p}
root: {dag: {tasks: {}}}
schemaVersion: 2.1.0
`;
    expect(loadComponentFromText(ir).definition.description).toBe('First line.\nSecond line.');
  });

  it('keeps the descriptions of inputs and outputs', () => {
    const ir = `pipelineInfo: {name: p}
root:
  dag: {tasks: {}}
  inputDefinitions:
    parameters:
      n: {parameterType: NUMBER_INTEGER, description: How many.}
    artifacts:
      data: {artifactType: {schemaTitle: acme.Table, schemaVersion: 1.2.0}, isArtifactList: true, isOptional: true, description: Rows.}
schemaVersion: 2.1.0
`;
    const definition = loadComponentFromText(ir).definition;
    expect(definition.inputs.n?.description).toBe('How many.');
    expect(definition.inputs.data?.description).toBe('Rows.');
    expect(describeAll(definition.inputs)).toEqual({ n: 'NUMBER_INTEGER', data: 'acme.Table[]?' });
  });
});
