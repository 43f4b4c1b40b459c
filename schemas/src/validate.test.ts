import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type Issue, type PipelineSpec, validatePipelineSpec, validatePlatformSpec } from './index.js';

// The goldens the KFP Python compiler wrote, shared beside the repository (also in CI).
const GOLDEN_DIR = new URL('../../../shared/kfp-golden/yaml/', import.meta.url);

const GOLDEN_FILES = [
  'add_numbers.yaml',
  'artifacts_simple.yaml',
  'component_with_optional_inputs.yaml',
  'component_with_pip_install.yaml',
  'container_with_if_placeholder.yaml',
  'containerized_python_component.yaml',
  'flip_coin.yaml',
  'if_elif_else_with_oneof_parameters.yaml',
  'lightweight_python_functions_pipeline.yaml',
  'lightweight_python_functions_with_outputs.yaml',
  'pipeline_in_pipeline.yaml',
  'pipeline_with_after.yaml',
  'pipeline_with_caching.yaml',
  'pipeline_with_env.yaml',
  'pipeline_with_exit_handler.yaml',
  'pipeline_with_importer.yaml',
  'pipeline_with_loops.yaml',
  'pipeline_with_parallelfor_list_artifacts_GH-12033.yaml',
  'pipeline_with_parallelfor_pipeline_param.yaml',
  'pipeline_with_placeholders.yaml',
  'pipeline_with_resource_spec.yaml',
  'pipeline_with_retry.yaml',
  'pipeline_with_task_final_status.yaml',
  'two_step_pipeline.yaml',
  'two_step_pipeline_containerized.yaml',
];

/** The YAML documents of a golden file, as plain JSON-like values. */
function loadDocuments(name: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(new URL(name, GOLDEN_DIR), 'utf8'));
  for (const document of documents) expect(document.errors, `${name}: YAML errors`).toEqual([]);
  return documents.map((document) => document.toJS());
}

/** A fresh, mutable copy of a golden's PipelineSpec document. */
function golden(name: string): any {
  return loadDocuments(name)[0];
}

function issuesOf(doc: unknown): Issue[] {
  const result = validatePipelineSpec(doc);
  return result.ok ? [] : result.issues;
}

function issueAt(issues: Issue[], pathText: string): Issue {
  const found = issues.find((issue) => issue.pathText === pathText);
  if (!found) {
    throw new Error(
      `no issue at ${pathText}; got:\n${issues.map((i) => `${i.pathText}: ${i.message}`).join('\n')}`,
    );
  }
  return found;
}

describe('the KFP compiler goldens', () => {
  it('are exactly the listed files', () => {
    const present = readdirSync(GOLDEN_DIR).filter((name) => name.endsWith('.yaml'));
    expect(present.sort()).toEqual([...GOLDEN_FILES].sort());
  });

  it.each(GOLDEN_FILES)('%s validates with no issues', (name) => {
    const [spec, platform] = loadDocuments(name);
    const result = validatePipelineSpec(spec);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && result.spec.schemaVersion).toBe('2.1.0');
    if (platform !== undefined) expect(validatePlatformSpec(platform).ok).toBe(true);
  });

  it('returns the document typed as a PipelineSpec', () => {
    const result = validatePipelineSpec(golden('pipeline_with_resource_spec.yaml'));
    if (!result.ok) throw new Error('expected the golden to validate');
    const spec: PipelineSpec = result.spec;
    const resources = spec.deploymentSpec?.executors?.['exec-trainer']?.container?.resources;
    expect(resources?.accelerator).toEqual({
      count: '1',
      resourceCount: '1',
      resourceType: 'tpu-v3',
      type: 'tpu-v3',
    });
    expect(resources?.memoryLimit).toBe(15.032385536);
  });
});

describe('schema problems in a mutated golden', () => {
  it('rejects an unknown key at its own path and suggests the intended one', () => {
    const doc = golden('two_step_pipeline.yaml');
    const task = doc.root.dag.tasks['write-to-gcs'];
    task.componentRf = task.componentRef;
    delete task.componentRef;
    const issues = issuesOf(doc);
    const unknown = issueAt(issues, 'root.dag.tasks.write-to-gcs.componentRf');
    expect(unknown.path).toEqual(['root', 'dag', 'tasks', 'write-to-gcs', 'componentRf']);
    expect(unknown.message).toContain('did you mean "componentRef"');
    expect(issueAt(issues, 'root.dag.tasks.write-to-gcs.componentRef').message).toMatch(
      /required field "componentRef"/,
    );
  });

  it('lists the allowed keys when an unknown key resembles none of them', () => {
    const doc = golden('pipeline_with_env.yaml');
    const label = Object.keys(doc.deploymentSpec.executors)[0]!;
    doc.deploymentSpec.executors[label].container.volumes = [];
    const issue = issueAt(issuesOf(doc), `deploymentSpec.executors.${label}.container.volumes`);
    expect(issue.message).toBe(
      'unknown field "volumes"; expected one of: image, command, args, env, resources, lifecycle',
    );
  });

  it('rejects a bad enum value and names the allowed values', () => {
    const doc = golden('two_step_pipeline.yaml');
    doc.components['comp-write-to-gcs'].inputDefinitions.parameters.text.parameterType = 'STR';
    doc.root.dag.tasks['read-from-gcs'].triggerPolicy = { strategy: 'SOMETIMES' };
    const issues = issuesOf(doc);
    const parameterType = issueAt(
      issues,
      'components.comp-write-to-gcs.inputDefinitions.parameters.text.parameterType',
    );
    expect(parameterType.message).toContain('invalid value "STR"');
    expect(parameterType.message).toContain('NUMBER_INTEGER');
    expect(issueAt(issues, 'root.dag.tasks.read-from-gcs.triggerPolicy.strategy').message).toContain(
      'ALL_UPSTREAM_TASKS_COMPLETED',
    );
  });

  it('rejects an invalid pipeline name', () => {
    const doc = golden('add_numbers.yaml');
    doc.pipelineInfo.name = 'Add_Numbers';
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['pipelineInfo', 'name']);
    expect(issues[0]!.message).toContain('"Add_Numbers"');
    expect(issues[0]!.message).toContain('^[a-z0-9][a-z0-9-]{0,127}$');
  });

  it('rejects a pipeline name longer than 128 characters', () => {
    const doc = golden('add_numbers.yaml');
    doc.pipelineInfo.name = 'a'.repeat(129);
    expect(issuesOf(doc).map((issue) => issue.pathText)).toEqual(['pipelineInfo.name']);
  });

  it('rejects a duration without the seconds suffix', () => {
    const doc = golden('pipeline_with_retry.yaml');
    doc.root.dag.tasks.add.retryPolicy.backoffMaxDuration = '1h';
    doc.root.dag.tasks.add.retryPolicy.backoffDuration = '1.5s';
    const issues = issuesOf(doc);
    expect(issues.map((issue) => issue.pathText)).toEqual([
      'root.dag.tasks.add.retryPolicy.backoffMaxDuration',
    ]);
    expect(issues[0]!.message).toContain('"3600s"');
    expect(issues[0]!.message).toContain('"1h"');
  });

  it('rejects an int64 written as a JSON number', () => {
    const doc = golden('pipeline_with_resource_spec.yaml');
    doc.deploymentSpec.executors['exec-trainer'].container.resources.accelerator.count = 1;
    const issue = issueAt(
      issuesOf(doc),
      'deploymentSpec.executors.exec-trainer.container.resources.accelerator.count',
    );
    expect(issue.message).toBe('expected string, but got an integer');
  });

  it('rejects an unsupported schemaVersion', () => {
    const doc = golden('add_numbers.yaml');
    doc.schemaVersion = '2.2.0';
    expect(issueAt(issuesOf(doc), 'schemaVersion').message).toContain('expected "2.1.0"');
    doc.schemaVersion = '2.0.0';
    expect(issuesOf(doc)).toEqual([]);
  });

  it('requires exactly one of dag and executorLabel', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.components['comp-print-text'].dag = {};
    delete doc.components['comp-print-text-2'].executorLabel;
    const issues = issuesOf(doc);
    expect(issueAt(issues, 'components.comp-print-text').message).toBe(
      'only one of "dag" or "executorLabel" may be set, but found "dag" and "executorLabel"',
    );
    expect(issueAt(issues, 'components.comp-print-text-2').message).toBe(
      'expected one of "dag" or "executorLabel"',
    );
  });

  it('requires exactly one source for a task input parameter', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.root.dag.tasks['print-text'].inputs.parameters.text.componentInputParameter = 'text';
    const issue = issueAt(issuesOf(doc), 'root.dag.tasks.print-text.inputs.parameters.text');
    expect(issue.message).toContain('found "componentInputParameter" and "runtimeValue"');
  });

  it('rejects a default value that does not fit the parameter type', () => {
    const doc = golden('pipeline_with_retry.yaml');
    doc.root.inputDefinitions.parameters.a.defaultValue = '1.0';
    const issue = issueAt(issuesOf(doc), 'root.inputDefinitions.parameters.a.defaultValue');
    expect(issue.message).toBe(
      'default value "1.0" does not fit parameterType NUMBER_DOUBLE, which expects a number',
    );
  });

  it('rejects a document that is not an object', () => {
    expect(issuesOf('components: {}')).toEqual([
      { path: [], pathText: '(document root)', message: 'expected object, but got a string' },
    ]);
  });

  it('names every missing top-level field', () => {
    expect(issuesOf({}).map((issue) => issue.message)).toEqual([
      'required field "pipelineInfo" is missing (expected object)',
      'required field "root" is missing (expected object)',
      'required field "schemaVersion" is missing (expected one of: 2.1.0, 2.0.0)',
    ]);
  });
});

describe('cross-reference problems in a mutated golden', () => {
  it('reports a componentRef that names no component', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.root.dag.tasks['print-text-2'].componentRef.name = 'comp-print-txt';
    const issues = issuesOf(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['root', 'dag', 'tasks', 'print-text-2', 'componentRef', 'name']);
    expect(issues[0]!.message).toBe(
      'component "comp-print-txt" is not defined in components; did you mean "comp-print-text"?',
    );
  });

  it('reports a producerTask that is not a task of the same DAG', () => {
    const doc = golden('two_step_pipeline.yaml');
    doc.root.dag.tasks['read-from-gcs'].inputs.artifacts.input_gcs_path.taskOutputArtifact.producerTask =
      'writer';
    const issue = issueAt(
      issuesOf(doc),
      'root.dag.tasks.read-from-gcs.inputs.artifacts.input_gcs_path.taskOutputArtifact.producerTask',
    );
    expect(issue.message).toBe(`"writer" is not a task in the pipeline root's DAG`);
  });

  it('reports a producer from another DAG, even though that task exists elsewhere', () => {
    const doc = golden('pipeline_with_task_final_status.yaml');
    // print-op lives inside the exit handler's DAG, not in the root DAG.
    doc.root.dag.tasks['exit-op'].inputs.parameters.status.taskFinalStatus.producerTask = 'print-op';
    const issue = issueAt(
      issuesOf(doc),
      'root.dag.tasks.exit-op.inputs.parameters.status.taskFinalStatus.producerTask',
    );
    expect(issue.message).toContain('"print-op" is not a task in the pipeline root\'s DAG');
  });

  it('reports an output key the producer does not declare', () => {
    const doc = golden('two_step_pipeline.yaml');
    doc.root.dag.tasks['read-from-gcs'].inputs.artifacts.input_gcs_path.taskOutputArtifact.outputArtifactKey =
      'output_gcs';
    const issue = issueAt(
      issuesOf(doc),
      'root.dag.tasks.read-from-gcs.inputs.artifacts.input_gcs_path.taskOutputArtifact.outputArtifactKey',
    );
    expect(issue.message).toBe(
      'task "write-to-gcs" (component "comp-write-to-gcs") has no output artifact "output_gcs"; did you mean "output_gcs_path"?',
    );
  });

  it('reports an executorLabel missing from deploymentSpec.executors', () => {
    const doc = golden('pipeline_with_after.yaml');
    delete doc.deploymentSpec.executors['exec-print-text-3'];
    const issue = issueAt(issuesOf(doc), 'components.comp-print-text-3.executorLabel');
    expect(issue.message).toContain(
      'executor "exec-print-text-3" is not defined in deploymentSpec.executors',
    );
  });

  it('reports dependentTasks that name no sibling, and a task depending on itself', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.root.dag.tasks['print-text-3'].dependentTasks = ['print-text', 'print-text-9', 'print-text-3'];
    const issues = issuesOf(doc);
    expect(issues.map((issue) => issue.pathText)).toEqual([
      'root.dag.tasks.print-text-3.dependentTasks[1]',
      'root.dag.tasks.print-text-3.dependentTasks[2]',
    ]);
    expect(issues[1]!.message).toBe('task "print-text-3" depends on itself');
  });

  it('reports a dependency cycle', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.root.dag.tasks['print-text'].dependentTasks = ['print-text-3'];
    const issue = issueAt(issuesOf(doc), 'root.dag.tasks.print-text-3.dependentTasks');
    expect(issue.message).toBe('dependency cycle: print-text -> print-text-3 -> print-text');
  });

  it('reports a componentInputParameter that is not an input of the enclosing component', () => {
    const doc = golden('pipeline_with_task_final_status.yaml');
    const print = doc.components['comp-exit-handler-1'].dag.tasks['print-op'];
    print.inputs.parameters.message.componentInputParameter = 'message';
    const issue = issueAt(
      issuesOf(doc),
      'components.comp-exit-handler-1.dag.tasks.print-op.inputs.parameters.message.componentInputParameter',
    );
    expect(issue.message).toBe(
      '"message" is not an input parameter of component "comp-exit-handler-1"; did you mean "pipelinechannel--message"?',
    );
  });

  it('reports task inputs the component does not declare, but allows the inputs KFP injects', () => {
    const doc = golden('pipeline_with_after.yaml');
    const parameters = doc.root.dag.tasks['print-text'].inputs.parameters;
    parameters.txt = { runtimeValue: { constant: 'x' } };
    parameters['pipelinechannel--text'] = { runtimeValue: { constant: 'y' } };
    parameters.cpu_limit = { runtimeValue: { constant: "{{$.inputs.parameters['pipelinechannel--text']}}" } };
    parameters.base_image = { runtimeValue: { constant: 'python:3.11' } };
    const issues = issuesOf(doc);
    expect(issues.map((issue) => issue.pathText)).toEqual([
      'root.dag.tasks.print-text.inputs.parameters.txt',
    ]);
    expect(issues[0]!.message).toBe(
      'component "comp-print-text" declares no input parameter "txt"; did you mean "text"?',
    );
  });

  it('reports an artifact passed as a parameter', () => {
    const doc = golden('two_step_pipeline.yaml');
    const task = doc.root.dag.tasks['read-from-gcs'];
    task.inputs.parameters = { input_gcs_path: { runtimeValue: { constant: 'gs://b/x' } } };
    delete task.inputs.artifacts;
    const issue = issueAt(issuesOf(doc), 'root.dag.tasks.read-from-gcs.inputs.parameters.input_gcs_path');
    expect(issue.message).toContain(
      'it is declared as an input artifact, so it belongs under inputs.artifacts',
    );
  });

  it('reports a required input that gets no value', () => {
    const doc = golden('pipeline_with_after.yaml');
    delete doc.root.dag.tasks['print-text-2'].inputs;
    const issue = issueAt(issuesOf(doc), 'root.dag.tasks.print-text-2.inputs.parameters');
    expect(issue.message).toBe(
      'required input parameter "text" of component "comp-print-text-2" is not given a value',
    );
  });

  it('reports a constant that does not fit the input type', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.root.dag.tasks['print-text'].inputs.parameters.text.runtimeValue.constant = 7;
    const issue = issueAt(
      issuesOf(doc),
      'root.dag.tasks.print-text.inputs.parameters.text.runtimeValue.constant',
    );
    expect(issue.message).toContain('STRING expects a string');
  });

  it('reports loop wiring that does not resolve', () => {
    const doc = golden('pipeline_with_loops.yaml');
    doc.root.dag.tasks['for-loop-1'].parameterIterator.itemInput = 'pipelinechannel--item';
    doc.root.dag.tasks['for-loop-2'].parameterIterator.items.inputParameter = 'pipelinechannel--list';
    const issues = issuesOf(doc);
    expect(issueAt(issues, 'root.dag.tasks.for-loop-1.parameterIterator.itemInput').message).toBe(
      'loop component "comp-for-loop-1" declares no input parameter "pipelinechannel--item" to receive the items',
    );
    expect(
      issueAt(issues, 'root.dag.tasks.for-loop-2.parameterIterator.items.inputParameter').message,
    ).toContain('"pipelinechannel--list" is not one of this task\'s inputs.parameters');
  });

  it('reports DAG outputs that select unknown subtasks or undeclared outputs', () => {
    const doc = golden('add_numbers.yaml');
    const outputs = doc.root.dag.outputs.parameters;
    const name = Object.keys(outputs)[0]!;
    outputs[name].valueFromParameter.producerSubtask = 'add';
    outputs.extra = outputs[name];
    const issues = issuesOf(doc);
    expect(
      issueAt(issues, `root.dag.outputs.parameters.${name}.valueFromParameter.producerSubtask`).message,
    ).toContain('"add" is not a task in the pipeline root\'s DAG');
    expect(issueAt(issues, 'root.dag.outputs.parameters.extra').message).toBe(
      'the pipeline root declares no output parameter "extra" in outputDefinitions',
    );
  });

  it('reports a declared DAG output that nothing produces', () => {
    const doc = golden('if_elif_else_with_oneof_parameters.yaml');
    const [name, component] = Object.entries<any>(doc.components).find(
      ([, c]) => c.dag?.outputs?.parameters,
    )!;
    const [output] = Object.keys(component.dag.outputs.parameters);
    delete component.dag.outputs.parameters[output!];
    const issue = issueAt(issuesOf(doc), `components.${name}.outputDefinitions.parameters.${output}`);
    expect(issue.message).toContain('does not produce it');
  });
});

describe('reporting', () => {
  it('reports every problem at once, schema and references together, in document order', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.pipelineInfo.name = 'Bad Name';
    doc.root.dag.tasks['print-text'].componentRef.name = 'comp-missing';
    doc.root.dag.tasks['print-text'].cachingOptions.enableCahe = true;
    doc.deploymentSpec.executors['exec-print-text'].container.command[0] = 42;
    const issues = issuesOf(doc);
    expect(issues.map((issue) => issue.pathText)).toEqual([
      'deploymentSpec.executors.exec-print-text.container.command[0]',
      'pipelineInfo.name',
      'root.dag.tasks.print-text.cachingOptions.enableCahe',
      'root.dag.tasks.print-text.componentRef.name',
    ]);
  });

  it('bracket-quotes keys that cannot follow a dot', () => {
    const doc = golden('pipeline_with_after.yaml');
    doc.deploymentSpec.executors['exec.odd key'] = { container: { image: '' } };
    const issue = issueAt(issuesOf(doc), 'deploymentSpec.executors["exec.odd key"].container.image');
    expect(issue.path).toEqual(['deploymentSpec', 'executors', 'exec.odd key', 'container', 'image']);
    expect(issue.message).toBe('image must not be empty');
  });
});
