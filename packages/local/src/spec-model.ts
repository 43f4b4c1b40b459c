/**
 * Read access to a PipelineSpec for the runner, and the checks made before anything runs: every
 * referenced component and executor exists, every name that becomes a file name is safe, every
 * dependency names a sibling. A spec that fails these is refused with all its problems at once.
 */
import type { ComponentSpec, ExecutorSpec, JsonValue, PipelineSpec, PipelineTaskSpec } from '@kfp-ts/schemas';
import { validatePipelineSpec } from '@kfp-ts/schemas';
import { parseAllDocuments } from 'yaml';
import { checkSegment } from './output-layout.js';

export class LocalRunError extends Error {
  override readonly name = 'LocalRunError';
}

export class SpecModel {
  constructor(readonly spec: PipelineSpec) {}

  get pipelineName(): string {
    return this.spec.pipelineInfo.name;
  }

  component(name: string): ComponentSpec {
    const component = (this.spec.components as Record<string, ComponentSpec> | undefined)?.[name];
    if (!component) throw new LocalRunError(`component '${name}' is not in the spec's components.`);
    return component;
  }

  executor(label: string): ExecutorSpec {
    const executors = (this.spec.deploymentSpec as { executors?: Record<string, ExecutorSpec> } | undefined)
      ?.executors;
    const executor = executors?.[label];
    if (!executor) throw new LocalRunError(`executor '${label}' is not in deploymentSpec.executors.`);
    return executor;
  }

  /** Checks everything the runner relies on; throws one LocalRunError listing every problem. */
  preflight(): void {
    const problems: string[] = [];
    const seen = new Set<ComponentSpec>();
    const visit = (component: ComponentSpec, where: string) => {
      if (seen.has(component)) return;
      seen.add(component);
      checkIoNames(component, where, problems);
      if (!component.dag) {
        if (component.executorLabel) {
          try {
            this.executor(component.executorLabel);
          } catch (error) {
            problems.push(`${where}: ${(error as Error).message}`);
          }
        }
        return;
      }
      const tasks = component.dag.tasks ?? {};
      for (const [key, task] of Object.entries(tasks)) {
        const at = `${where}/${key}`;
        try {
          checkSegment(key, 'task name');
        } catch (error) {
          problems.push(`${at}: ${(error as Error).message}`);
        }
        for (const upstream of upstreamOf(task)) {
          if (!(upstream in tasks))
            problems.push(`${at}: depends on '${upstream}', which is not a task of the same DAG.`);
        }
        try {
          visit(this.component(task.componentRef.name), at);
        } catch (error) {
          problems.push(`${at}: ${(error as Error).message}`);
        }
      }
    };
    visit(this.spec.root, this.pipelineName);
    if (problems.length) {
      throw new LocalRunError(
        `the pipeline cannot run locally:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      );
    }
  }
}

function checkIoNames(component: ComponentSpec, where: string, problems: string[]): void {
  if (component.dag) return;
  const outputs = component.outputDefinitions ?? {};
  for (const name of [...Object.keys(outputs.parameters ?? {}), ...Object.keys(outputs.artifacts ?? {})]) {
    try {
      checkSegment(name, 'output name');
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
}

/** Sibling tasks a task waits for: `dependentTasks` plus every producer its inputs name. */
export function upstreamOf(task: PipelineTaskSpec): Set<string> {
  const upstream = new Set(task.dependentTasks ?? []);
  for (const p of Object.values(task.inputs?.parameters ?? {})) {
    if (p.taskOutputParameter) upstream.add(p.taskOutputParameter.producerTask);
    if (p.taskFinalStatus) upstream.add(p.taskFinalStatus.producerTask);
  }
  for (const a of Object.values(task.inputs?.artifacts ?? {})) {
    if (a.taskOutputArtifact) upstream.add(a.taskOutputArtifact.producerTask);
  }
  return upstream;
}

/** Validates a PipelineSpec object (compiled or parsed), throwing every schema problem at once. */
export function checkedSpec(doc: unknown): PipelineSpec {
  const result = validatePipelineSpec(doc);
  if (!result.ok) {
    const issues = result.issues.map((i) => `  ${i.pathText}: ${i.message}`).join('\n');
    throw new LocalRunError(`not a valid pipeline spec:\n${issues}`);
  }
  return result.spec;
}

/**
 * Reads IR YAML (or JSON) text: the first document is the PipelineSpec; a PlatformSpec document
 * after it (Kubernetes-only features) is ignored locally.
 */
export function loadPipelineSpec(text: string): PipelineSpec {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const first = list[0];
  if (!first) throw new LocalRunError('the document is empty.');
  if (first.errors.length) throw new LocalRunError(`not valid YAML: ${first.errors[0]!.message}`);
  return checkedSpec(first.toJS() as JsonValue);
}
