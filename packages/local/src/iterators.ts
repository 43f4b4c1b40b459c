/**
 * ParallelFor: a task with `parameterIterator` (a raw JSON list, or a list input) or
 * `artifactIterator` (a list of artifacts) runs its DAG once per item, at most
 * `iteratorPolicy.parallelismLimit` iterations at a time, each in its own folder (`for-loop-2/0/`).
 * The loop's outputs are the fan-in: each declared output collects the iterations' values in item
 * order (parameters as a list, artifacts as one flat list). Iterations a condition skipped add nothing.
 */
import type { ComponentSpec, JsonValue, PipelineTaskSpec, RuntimeArtifact } from '@kfp-ts/schemas';
import type { DagOutcome } from './dag-runner.js';
import { runDag } from './dag-runner.js';
import type { ResolvedInputs } from './input-resolver.js';
import { Semaphore } from './limiter.js';
import type { RunContext } from './run-context.js';
import { coerce, InputError, withDefaults } from './values.js';

type Item = { parameter: JsonValue } | { artifact: RuntimeArtifact };

function loopItems(task: PipelineTaskSpec, inputs: ResolvedInputs, where: string): Item[] {
  if (task.parameterIterator) {
    const items = task.parameterIterator.items;
    let list: JsonValue;
    if (items.raw !== undefined) {
      try {
        list = JSON.parse(items.raw) as JsonValue;
      } catch (error) {
        throw new InputError(
          `${where}: the loop's items ${JSON.stringify(items.raw)} are not JSON: ${(error as Error).message}`,
        );
      }
    } else {
      const value = inputs.parameters[items.inputParameter!];
      if (value === undefined)
        throw new InputError(`${where}: the loop's input '${items.inputParameter}' has no value.`);
      list = coerce(value, 'LIST', `${where}: the loop's input '${items.inputParameter}'`);
    }
    if (!Array.isArray(list))
      throw new InputError(`${where}: the loop's items are not a list: ${JSON.stringify(list)}.`);
    return list.map((parameter) => ({ parameter }));
  }
  const name = task.artifactIterator!.items.inputArtifact;
  return (inputs.artifacts[name] ?? []).map((artifact) => ({ artifact }));
}

export async function runLoop(
  ctx: RunContext,
  task: PipelineTaskSpec,
  component: ComponentSpec,
  inputs: ResolvedInputs,
  segments: readonly string[],
): Promise<DagOutcome> {
  const where = `task '${segments.join('/')}'`;
  const items = loopItems(task, inputs, where);
  const itemInput = (task.parameterIterator ?? task.artifactIterator)!.itemInput;
  const limit = task.iteratorPolicy?.parallelismLimit || items.length || 1;
  const slots = new Semaphore(limit);
  const iterations = await Promise.all(
    items.map((item, i) =>
      slots.run(async () => {
        const iterationInputs: ResolvedInputs =
          'parameter' in item
            ? {
                parameters: { ...inputs.parameters, [itemInput]: item.parameter },
                artifacts: inputs.artifacts,
              }
            : {
                parameters: inputs.parameters,
                artifacts: { ...inputs.artifacts, [itemInput]: [item.artifact] },
              };
        const parameters = withDefaults(
          component,
          iterationInputs.parameters,
          `${where} iteration ${i}`,
          true,
        );
        return runDag(ctx, component, { parameters, artifacts: iterationInputs.artifacts }, [
          ...segments,
          String(i),
        ]);
      }),
    ),
  );
  return collect(component, iterations);
}

/** Fan-in: every declared output of the loop as the list of the iterations' values. */
function collect(component: ComponentSpec, iterations: DagOutcome[]): DagOutcome {
  const failed = iterations.find((o) => o.state === 'FAILED');
  const cancelled = iterations.find((o) => o.state === 'CANCELLED');
  const parameters: Record<string, JsonValue> = {};
  for (const name of Object.keys(component.outputDefinitions?.parameters ?? {})) {
    parameters[name] = iterations.flatMap((o) =>
      o.parameters[name] === undefined ? [] : [o.parameters[name]!],
    );
  }
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  for (const name of Object.keys(component.outputDefinitions?.artifacts ?? {})) {
    artifacts[name] = iterations.flatMap((o) => o.artifacts[name] ?? []);
  }
  const state = failed ? 'FAILED' : cancelled ? 'CANCELLED' : 'SUCCEEDED';
  const error = failed?.error ?? cancelled?.error;
  return { state, parameters, artifacts, ...(error ? { error } : {}) };
}
