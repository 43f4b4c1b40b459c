import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PipelineDefinitionError } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { loadComponentFromFile, loadComponentFromText } from './load-component.js';

/** The error loading `text` as `name` throws (failing the test when it loads). */
function errorOf(text: string, name = 'fancy_trainer_component.yaml'): PipelineDefinitionError {
  try {
    loadComponentFromText(text, { source: name });
  } catch (error) {
    if (PipelineDefinitionError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the component to be rejected');
}

const trainer = (args: string) => `name: Trainer
inputs:
- {name: examples, type: Dataset}
- {name: optimizer, type: String}
- {name: n_epochs, type: Integer}
outputs:
- {name: model, type: Model}
implementation:
  container:
    image: gcr.io/my-project/my-fancy-trainer
    args: [
      --input-examples, {inputUri: examples},
${args}
    ]
`;

describe('loading errors name the file, the line and column, and the path in the document', () => {
  it('reports a YAML syntax error at its line and column', () => {
    const error = errorOf('name: Trainer\ninputs:\n- {name: a, type: String\nimplementation: {}\n');
    expect(error.message).toMatch(/^fancy_trainer_component\.yaml:4:\d+: YAML syntax error: /);
    expect(error.message).not.toContain('\n');
  });

  it('reports a misspelt placeholder as an unknown placeholder, with the fix', () => {
    const error = errorOf(trainer('      --optimizer, {inputValu: optimizer},'));
    expect(error.message).toBe(
      'fancy_trainer_component.yaml:13:20: implementation.container.args[3]: unknown placeholder {inputValu: optimizer}; did you mean {inputValue: optimizer}?',
    );
    expect(error.where).toBe('fancy_trainer_component.yaml:13:20');
  });

  it('reports a placeholder that is no placeholder at all', () => {
    const error = errorOf(trainer('      --optimizer, {frobnicate: optimizer},'));
    expect(error.message).toContain(
      'implementation.container.args[3]: unknown placeholder {frobnicate: optimizer}; placeholders are inputValue',
    );
  });

  it('reports a misspelt condition', () => {
    const error = errorOf(
      trainer('      {if: {cond: {isPresnt: optimizer}, then: [--optimizer, {inputValue: optimizer}]}},'),
    );
    expect(error.message).toContain(
      'implementation.container.args[2].if.cond: unknown condition {isPresnt: optimizer}; did you mean {isPresent: optimizer}?',
    );
  });

  it('reports an unquoted number among the arguments', () => {
    const error = errorOf(trainer('      --n_epochs, 10,'));
    expect(error.message).toContain("implementation.container.args[3]: 10 is not a string; quote it ('10')");
  });

  it('reports a placeholder naming no input, with a suggestion', () => {
    const error = errorOf(trainer('      --optimizer, {inputValue: optimiser},'));
    expect(error.message).toBe(
      "fancy_trainer_component.yaml:13:20: implementation.container.args[3]: {inputValue: optimiser} refers to no input; did you mean 'optimizer'? (inputs: examples, optimizer, n_epochs)",
    );
  });

  it('reports an output used as an input', () => {
    const error = errorOf(trainer('      --model, {inputPath: model},'));
    expect(error.message).toContain(
      "implementation.container.args[3]: {inputPath: model} refers to no input; 'model' is an output",
    );
  });

  it('reports an output placeholder naming no output', () => {
    const error = errorOf(trainer('      --out, {outputUri: modle},'));
    expect(error.message).toContain(
      "{outputUri: modle} refers to no output; did you mean 'model'? (outputs: model)",
    );
  });

  it('reports {inputValue} of an artifact', () => {
    const error = errorOf(trainer('      --examples, {inputValue: examples},'));
    expect(error.message).toContain(
      "implementation.container.args[3]: input 'examples' is a system.Dataset artifact; {inputValue} passes parameter values: use {inputPath: examples} or {inputUri: examples}",
    );
  });

  it('reports an input used both as a value and as a file', () => {
    const error = errorOf(trainer('      --a, {inputValue: optimizer}, --b, {inputPath: optimizer},'));
    expect(error.message).toContain(
      "implementation.container.args[5]: input 'optimizer' is used both as a value ({inputValue}) and as a file",
    );
  });

  it('reports a missing implementation', () => {
    const error = errorOf('name: Trainer\ninputs:\n- {name: a, type: String}\n');
    expect(error.message).toBe(
      'fancy_trainer_component.yaml:1:1: implementation: required field "implementation" is missing (expected object)',
    );
  });

  it('reports a graph implementation as unsupported', () => {
    const error = errorOf('name: G\nimplementation:\n  graph:\n    tasks: {a: {componentRef: {name: x}}}\n');
    expect(error.message).toBe(
      'fancy_trainer_component.yaml:3:3: implementation.graph: graph components are not supported: KFP v2 loads only container components (implementation.container)',
    );
  });

  it('reports fileOutputs, inputOutputPortName, metadata placeholders and value conditions as unsupported', () => {
    expect(
      errorOf('name: x\nimplementation: {container: {image: a, fileOutputs: {o: /tmp/o}}}').message,
    ).toContain('implementation.container.fileOutputs: fileOutputs is not supported by KFP v2');
    const io = 'inputs: [{name: a, type: Dataset}, {name: f, type: Boolean}]\n';
    expect(
      errorOf(`name: x\n${io}implementation: {container: {image: a, args: [{inputMetadata: a}]}}`).message,
    ).toContain('implementation.container.args[0]: {inputMetadata: a} is not supported');
    expect(
      errorOf(`name: x\n${io}implementation: {container: {image: a, args: [{inputOutputPortName: a}]}}`)
        .message,
    ).toContain('implementation.container.args[0]: {inputOutputPortName: a} is not supported');
    expect(
      errorOf(
        `name: x\n${io}implementation: {container: {image: a, args: [{if: {cond: {inputValue: f}, then: [x]}}]}}`,
      ).message,
    ).toContain('implementation.container.args[0].if.cond: condition {inputValue: f} is not supported');
  });

  it('reports an if with list branches inside concat', () => {
    const error = errorOf(
      'name: x\ninputs: [{name: a, optional: true}]\nimplementation: {container: {image: i, args: [{concat: [p, {if: {cond: {isPresent: a}, then: [x, y]}}]}]}}',
    );
    expect(error.message).toContain(
      'implementation.container.args[0].concat[1].if: an if inside concat must give at most one argument',
    );
  });

  it('reports names KFP would sanitise into the same name, or into one kfp-ts cannot use', () => {
    expect(
      errorOf('name: x\ninputs: [{name: Op 1}, {name: op-1}]\nimplementation: {container: {image: i}}')
        .message,
    ).toBe("fancy_trainer_component.yaml:2:25: inputs[1].name: inputs 'Op 1' and 'op-1' both become 'op_1'");
    expect(
      errorOf('name: x\ninputs: [{name: 1st}]\nimplementation: {container: {image: i}}').message,
    ).toContain("inputs[0].name: input name '1st' becomes '1st', which is not a name kfp-ts can use");
    expect(
      errorOf('name: x\ninputs: [{name: m}]\noutputs: [{name: M}]\nimplementation: {container: {image: i}}')
        .message,
    ).toContain("outputs[0].name: 'M' is both an input and an output");
  });

  it('reports a default that does not fit its type', () => {
    const error = errorOf(
      'name: x\ninputs: [{name: n, type: Integer, default: "2.5"}]\nimplementation: {container: {image: i}}',
    );
    expect(error.message).toBe(
      "fancy_trainer_component.yaml:2:35: inputs[0].default: default 2.5 of Integer input 'n' is not a whole number",
    );
  });

  it('lists every schema problem, one per line', () => {
    const error = errorOf(
      'name: x\ninputs: [{type: String}]\nimplementation: {container: {image: "", args: [{inputValu: a}]}}',
    );
    expect(error.message.split('\n')).toEqual([
      'fancy_trainer_component.yaml: 3 problems:',
      '  fancy_trainer_component.yaml:3:48: implementation.container.args[0]: unknown placeholder {inputValu: a}; did you mean {inputValue: a}?',
      '  fancy_trainer_component.yaml:3:30: implementation.container.image: image must not be empty',
      '  fancy_trainer_component.yaml:2:10: inputs[0].name: required field "name" is missing (expected string)',
    ]);
  });
});

describe('loading errors about the document as a whole', () => {
  it('reports an empty document', () => {
    expect(errorOf('').message).toBe(
      'fancy_trainer_component.yaml: the document is empty; expected a KFP v1 component.yaml or compiled KFP IR YAML',
    );
  });

  it('reports a document that is not a mapping, or neither format', () => {
    expect(errorOf('- a\n- b\n').message).toContain(
      'expected a mapping at the top of the document, but got a list',
    );
    expect(errorOf('foo: 1\n').message).toContain('neither a KFP v1 component');
  });

  it('reports several documents in a v1 file', () => {
    expect(errorOf('name: a\nimplementation: {container: {image: i}}\n---\nname: b\n').message).toBe(
      'fancy_trainer_component.yaml:4:1: a v1 component file holds one YAML document, but this one holds more',
    );
  });

  it('reports a platform spec, which kfp-ts cannot carry', () => {
    const ir = `pipelineInfo: {name: p}
root: {dag: {tasks: {}}}
schemaVersion: 2.1.0
---
platforms:
  kubernetes:
    deploymentSpec:
      executors:
        exec-p: {secretAsEnv: [{secretName: s, keyToEnv: [{secretKey: k, envVar: K}]}]}
`;
    expect(errorOf(ir, 'p.yaml').message).toBe(
      'p.yaml:5:1: the platform spec (the second YAML document: Kubernetes settings) is not supported by kfp-ts',
    );
    // An empty platform spec (KFP writes `platforms: {kubernetes: {}}` at times) is fine.
    expect(() =>
      loadComponentFromText(`${ir.split('---')[0]}---\nplatforms: {kubernetes: {}}\n`),
    ).not.toThrow();
  });

  it('reports invalid IR with the schema validator’s paths', () => {
    const error = errorOf(
      'pipelineInfo: {name: My Pipeline}\nroot: {dag: {tasks: {}}}\nschemaVersion: 2.1.0\n',
      'p.yaml',
    );
    expect(error.message).toMatch(
      /^p\.yaml:1:16: pipelineInfo\.name: pipeline name "My Pipeline" is invalid/,
    );
  });

  it('names a file that cannot be read', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'kfp-ts-load-')), 'nope.yaml');
    expect(() => loadComponentFromFile(missing)).toThrow(
      `${missing}: cannot read the component file: no such file`,
    );
  });

  it('names the file as given in errors of its content', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kfp-ts-load-')), 'broken.yaml');
    writeFileSync(path, 'name: x\nimplementation: {container: {image: i, args: [{inputValue: nope}]}}\n');
    expect(() => loadComponentFromFile(path)).toThrow(
      `${path}:2:47: implementation.container.args[0]: {inputValue: nope} refers to no input (the component declares no inputs)`,
    );
  });

  it('calls the text "component text" when no source is given', () => {
    expect(() => loadComponentFromText('x: [')).toThrow(/^component text:1:\d+: YAML syntax error/);
  });
});
