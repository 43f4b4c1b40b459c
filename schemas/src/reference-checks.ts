// Cross-reference checks for a PipelineSpec: the names that tie components, executors, tasks and
// inputs together must resolve, which a per-field schema cannot see.
//
// They read the raw document defensively (it may also have failed the schema), so that one
// validation run reports schema problems and broken references together.
import { findDependencyCycles } from './dependency-cycles.js';
import {
  asObject,
  asString,
  didYouMean,
  entriesOf,
  has,
  type Io,
  inputsOrOutputs,
  type Obj,
} from './document-access.js';
import { type Issue, type IssuePath, makeIssue } from './issues.js';
import { describeParameterType, matchesParameterType } from './parameter-values.js';

type Kind = 'parameters' | 'artifacts';
const KINDS: readonly Kind[] = ['parameters', 'artifacts'];

/** The field names that differ between parameter and artifact references. */
const WORDS = {
  parameters: {
    noun: 'parameter',
    parentField: 'componentInputParameter',
    taskOutputField: 'taskOutputParameter',
    keyField: 'outputParameterKey',
  },
  artifacts: {
    noun: 'artifact',
    parentField: 'componentInputArtifact',
    taskOutputField: 'taskOutputArtifact',
    keyField: 'outputArtifactKey',
  },
} as const;

/**
 * Task inputs KFP adds that the component does not declare: `pipelinechannel--*` values used inside
 * f-strings or resource placeholders, and the settings that take a pipeline channel
 * (`set_cpu_limit(param)` injects `cpu_limit`, `set_container_image(param)` injects `base_image`, ...).
 */
const INJECTED_PARAMETER_INPUTS = new Set([
  'cpu_request',
  'cpu_limit',
  'memory_request',
  'memory_limit',
  'accelerator_type',
  'accelerator_count',
  'base_image',
]);
const PIPELINE_CHANNEL_PREFIX = 'pipelinechannel--';

function isInjectedInput(name: string, kind: Kind): boolean {
  return (
    name.startsWith(PIPELINE_CHANNEL_PREFIX) || (kind === 'parameters' && INJECTED_PARAMETER_INPUTS.has(name))
  );
}

class ReferenceChecker {
  readonly issues: Issue[] = [];
  private readonly components: Obj;
  private readonly executors: Obj;

  constructor(private readonly spec: Obj) {
    this.components = asObject(spec.components) ?? {};
    this.executors = asObject(asObject(spec.deploymentSpec)?.executors) ?? {};
  }

  run(): Issue[] {
    for (const [key, value] of entriesOf(this.spec.components)) {
      const component = asObject(value);
      if (!component) continue;
      const path = ['components', key];
      const label = asString(component.executorLabel);
      if (label !== undefined && !has(this.executors, label)) {
        this.report(
          [...path, 'executorLabel'],
          `executor "${label}" is not defined in deploymentSpec.executors${didYouMean(label, Object.keys(this.executors))}`,
        );
      }
      if (asObject(component.dag)) this.checkDag(component, path, `component "${key}"`);
    }
    const root = asObject(this.spec.root);
    if (root) {
      if (asObject(root.dag)) this.checkDag(root, ['root'], 'the pipeline root');
      else if (root.executorLabel !== undefined) {
        this.report(['root'], 'the pipeline root must be a DAG (have "dag"), not an executor component');
      }
    }
    return this.issues;
  }

  private report(path: IssuePath, message: string): void {
    this.issues.push(makeIssue(path, message));
  }

  private componentOfTask(task: Obj | undefined): { name: string; spec: Obj } | undefined {
    const name = asString(asObject(task?.componentRef)?.name);
    const spec = name === undefined ? undefined : asObject(this.components[name]);
    return name !== undefined && spec ? { name, spec } : undefined;
  }

  /** Checks one DAG: its tasks' references, and that its outputs come from its own tasks. */
  private checkDag(owner: Obj, ownerPath: IssuePath, ownerLabel: string): void {
    const dag = asObject(owner.dag)!;
    const tasks = asObject(dag.tasks) ?? {};
    const ownerInputs = inputsOrOutputs(owner.inputDefinitions);
    const scope = { tasks, ownerInputs, ownerLabel, dagText: `${ownerLabel}'s DAG` };
    for (const [taskName, value] of Object.entries(tasks)) {
      const task = asObject(value);
      if (task) this.checkTask(taskName, task, [...ownerPath, 'dag', 'tasks', taskName], scope);
    }
    this.checkDagOutputs(owner, ownerPath, tasks, ownerLabel);
    // dependentTasks must form a DAG: a cycle can never be scheduled.
    for (const cycle of findDependencyCycles(tasks)) {
      this.report(
        [...ownerPath, 'dag', 'tasks', cycle.at(-2)!, 'dependentTasks'],
        `dependency cycle: ${cycle.join(' -> ')}`,
      );
    }
  }

  private checkTask(
    taskName: string,
    task: Obj,
    taskPath: IssuePath,
    scope: { tasks: Obj; ownerInputs: Io; ownerLabel: string; dagText: string },
  ): void {
    const refName = asString(asObject(task.componentRef)?.name);
    if (refName !== undefined && !has(this.components, refName)) {
      this.report(
        [...taskPath, 'componentRef', 'name'],
        `component "${refName}" is not defined in components${didYouMean(refName, Object.keys(this.components))}`,
      );
    }
    const target = this.componentOfTask(task);
    const targetInputs = inputsOrOutputs(target?.spec.inputDefinitions);

    const dependentTasks = Array.isArray(task.dependentTasks) ? task.dependentTasks : [];
    dependentTasks.forEach((dependency, i) => {
      if (typeof dependency !== 'string') return;
      if (dependency === taskName)
        this.report([...taskPath, 'dependentTasks', i], `task "${taskName}" depends on itself`);
      else if (!has(scope.tasks, dependency)) {
        this.report(
          [...taskPath, 'dependentTasks', i],
          `"${dependency}" is not a task in ${scope.dagText}${didYouMean(dependency, Object.keys(scope.tasks))}`,
        );
      }
    });

    // A producer named by an input must be another task of this DAG. It need not be listed in
    // dependentTasks: the KFP backend adds such implicit dependencies itself, and the Python compiler
    // omits them for channels injected by resource settings (pipeline_with_string_machine_fields_task_output).
    const checkProducer = (producer: string | undefined, path: IssuePath): Obj | undefined => {
      if (producer === undefined) return undefined;
      if (producer === taskName) {
        this.report(path, `task "${taskName}" cannot consume its own output`);
        return undefined;
      }
      const producerTask = asObject(scope.tasks[producer]);
      if (!producerTask) {
        this.report(
          path,
          `"${producer}" is not a task in ${scope.dagText}${didYouMean(producer, Object.keys(scope.tasks))}`,
        );
        return undefined;
      }
      return producerTask;
    };

    const inputs = asObject(task.inputs);
    for (const kind of KINDS) {
      const { taskOutputField, parentField, keyField } = WORDS[kind];
      for (const [inputName, value] of entriesOf(inputs?.[kind])) {
        const input = asObject(value);
        const path = [...taskPath, 'inputs', kind, inputName];
        if (!input) continue;
        this.checkDeclaredInput(inputName, kind, path, target, targetInputs);
        const parentInput = asString(input[parentField]);
        if (parentInput !== undefined)
          this.checkParentInput(parentInput, kind, [...path, parentField], scope);
        const taskOutput = asObject(input[taskOutputField]);
        if (taskOutput) {
          const producerName = asString(taskOutput.producerTask);
          const producer = checkProducer(producerName, [...path, taskOutputField, 'producerTask']);
          this.checkProducedOutput(producer, producerName, asString(taskOutput[keyField]), kind, [
            ...path,
            taskOutputField,
            keyField,
          ]);
        }
        if (kind === 'parameters')
          this.checkParameterExtras(input, inputName, path, target, targetInputs, checkProducer);
      }
    }

    const itemInputs = this.checkIterators(task, taskPath, target, targetInputs);
    this.checkRequiredInputs(task, taskPath, target, targetInputs, itemInputs);
  }

  /** Parameter-only sources: the final status of an upstream task, and constants that must fit the input's type. */
  private checkParameterExtras(
    input: Obj,
    inputName: string,
    path: IssuePath,
    target: { name: string; spec: Obj } | undefined,
    targetInputs: Io,
    checkProducer: (producer: string | undefined, path: IssuePath) => unknown,
  ): void {
    const finalStatus = asObject(input.taskFinalStatus);
    if (finalStatus)
      checkProducer(asString(finalStatus.producerTask), [...path, 'taskFinalStatus', 'producerTask']);
    const constant = asObject(input.runtimeValue)?.constant;
    const declaredType = asString(asObject(targetInputs.parameters?.[inputName])?.parameterType);
    if (constant === undefined || declaredType === undefined || matchesParameterType(constant, declaredType))
      return;
    this.report(
      [...path, 'runtimeValue', 'constant'],
      `constant ${JSON.stringify(constant)} does not fit input "${inputName}" of component "${target?.name}": ` +
        `${declaredType} expects ${describeParameterType(declaredType)}`,
    );
  }

  /** A task may only pass inputs its component declares (apart from the ones KFP injects). */
  private checkDeclaredInput(
    inputName: string,
    kind: Kind,
    path: IssuePath,
    target: { name: string; spec: Obj } | undefined,
    targetInputs: Io,
  ): void {
    if (!target || isInjectedInput(inputName, kind) || has(targetInputs[kind], inputName)) return;
    const other = kind === 'parameters' ? 'artifacts' : 'parameters';
    const hint = has(targetInputs[other], inputName)
      ? `; it is declared as an input ${WORDS[other].noun}, so it belongs under inputs.${other}`
      : didYouMean(inputName, Object.keys(targetInputs[kind] ?? {}));
    this.report(
      path,
      `component "${target.name}" declares no input ${WORDS[kind].noun} "${inputName}"${hint}`,
    );
  }

  /** `componentInputParameter` / `componentInputArtifact` name an input of the component owning the DAG. */
  private checkParentInput(
    name: string,
    kind: Kind,
    path: IssuePath,
    scope: { ownerInputs: Io; ownerLabel: string },
  ): void {
    if (has(scope.ownerInputs[kind], name)) return;
    this.report(
      path,
      `"${name}" is not an input ${WORDS[kind].noun} of ${scope.ownerLabel}` +
        didYouMean(name, Object.keys(scope.ownerInputs[kind] ?? {})),
    );
  }

  /** The output key must be declared by the producer's component. */
  private checkProducedOutput(
    producer: Obj | undefined,
    producerName: string | undefined,
    key: string | undefined,
    kind: Kind,
    path: IssuePath,
  ): void {
    const component = this.componentOfTask(producer);
    if (!component || key === undefined) return;
    const outputs = inputsOrOutputs(component.spec.outputDefinitions)[kind];
    if (has(outputs, key)) return;
    this.report(
      path,
      `task "${producerName}" (component "${component.name}") has no output ${WORDS[kind].noun} "${key}"` +
        didYouMean(key, Object.keys(outputs ?? {})),
    );
  }

  /** Loop tasks: the item input is declared by the loop component, the list is one of the task's inputs. */
  private checkIterators(
    task: Obj,
    taskPath: IssuePath,
    target: { name: string; spec: Obj } | undefined,
    targetInputs: Io,
  ): Set<string> {
    const itemInputs = new Set<string>();
    const iterators = [
      ['parameterIterator', 'parameters', 'inputParameter'],
      ['artifactIterator', 'artifacts', 'inputArtifact'],
    ] as const;
    for (const [field, kind, itemsField] of iterators) {
      const iterator = asObject(task[field]);
      if (!iterator) continue;
      const itemInput = asString(iterator.itemInput);
      if (itemInput !== undefined) {
        itemInputs.add(itemInput);
        if (target && !has(targetInputs[kind], itemInput)) {
          this.report(
            [...taskPath, field, 'itemInput'],
            `loop component "${target.name}" declares no input ${WORDS[kind].noun} "${itemInput}" to receive the items`,
          );
        }
      }
      const list = asString(asObject(iterator.items)?.[itemsField]);
      if (list !== undefined && !has(asObject(asObject(task.inputs)?.[kind]), list)) {
        this.report(
          [...taskPath, field, 'items', itemsField],
          `"${list}" is not one of this task's inputs.${kind}, so there is no list to iterate over`,
        );
      }
    }
    return itemInputs;
  }

  /** Every required input of the component gets a value (loop items come from the iterator). */
  private checkRequiredInputs(
    task: Obj,
    taskPath: IssuePath,
    target: { name: string; spec: Obj } | undefined,
    targetInputs: Io,
    itemInputs: Set<string>,
  ): void {
    if (!target) return;
    const given = asObject(task.inputs);
    for (const kind of KINDS) {
      for (const [name, value] of entriesOf(targetInputs[kind])) {
        const declared = asObject(value);
        if (!declared || declared.isOptional === true || declared.defaultValue !== undefined) continue;
        if (itemInputs.has(name) || has(asObject(given?.[kind]), name)) continue;
        this.report(
          [...taskPath, 'inputs', kind],
          `required input ${WORDS[kind].noun} "${name}" of component "${target.name}" is not given a value`,
        );
      }
    }
  }

  /** `dag.outputs` names declared outputs and selects them from tasks of this DAG; every declared output is produced. */
  private checkDagOutputs(owner: Obj, ownerPath: IssuePath, tasks: Obj, ownerLabel: string): void {
    const declared = inputsOrOutputs(owner.outputDefinitions);
    const outputs = asObject(asObject(owner.dag)?.outputs);
    const outputsPath = [...ownerPath, 'dag', 'outputs'];

    const checkSelector = (selector: unknown, kind: Kind, path: IssuePath) => {
      const object = asObject(selector);
      const subtask = asString(object?.producerSubtask);
      if (subtask === undefined) return;
      if (!has(tasks, subtask)) {
        this.report(
          [...path, 'producerSubtask'],
          `"${subtask}" is not a task in ${ownerLabel}'s DAG${didYouMean(subtask, Object.keys(tasks))}`,
        );
        return;
      }
      const { keyField } = WORDS[kind];
      this.checkProducedOutput(asObject(tasks[subtask]), subtask, asString(object?.[keyField]), kind, [
        ...path,
        keyField,
      ]);
    };

    for (const [name, value] of entriesOf(outputs?.parameters)) {
      const path = [...outputsPath, 'parameters', name];
      if (!has(declared.parameters, name)) {
        this.report(path, `${ownerLabel} declares no output parameter "${name}" in outputDefinitions`);
      }
      const output = asObject(value);
      if (output?.valueFromParameter !== undefined) {
        checkSelector(output.valueFromParameter, 'parameters', [...path, 'valueFromParameter']);
      }
      const selectors = asObject(output?.valueFromOneof)?.parameterSelectors;
      if (Array.isArray(selectors)) {
        selectors.forEach((selector, i) => {
          checkSelector(selector, 'parameters', [...path, 'valueFromOneof', 'parameterSelectors', i]);
        });
      }
    }
    for (const [name, value] of entriesOf(outputs?.artifacts)) {
      const path = [...outputsPath, 'artifacts', name];
      if (!has(declared.artifacts, name)) {
        this.report(path, `${ownerLabel} declares no output artifact "${name}" in outputDefinitions`);
      }
      const selectors = asObject(value)?.artifactSelectors;
      if (Array.isArray(selectors)) {
        selectors.forEach((selector, i) => {
          checkSelector(selector, 'artifacts', [...path, 'artifactSelectors', i]);
        });
      }
    }
    for (const kind of KINDS) {
      for (const name of Object.keys(declared[kind] ?? {})) {
        if (has(asObject(outputs?.[kind]), name)) continue;
        this.report(
          [...ownerPath, 'outputDefinitions', kind, name],
          `${ownerLabel} declares output ${WORDS[kind].noun} "${name}" but its dag.outputs.${kind} does not produce it`,
        );
      }
    }
  }
}

/** Cross-reference problems of a (possibly invalid) PipelineSpec document. */
export function checkPipelineReferences(doc: unknown): Issue[] {
  const spec = asObject(doc);
  return spec ? new ReferenceChecker(spec).run() : [];
}
