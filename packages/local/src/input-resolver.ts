/**
 * Resolves the inputs of one task from its DAG's scope, as KFP's driver does: parent inputs
 * (`componentInputParameter`/`componentInputArtifact`), sibling outputs (`taskOutputParameter`/
 * `taskOutputArtifact`), constants (whose `{{$.inputs.parameters[...]}}` placeholders, left by
 * template strings, are filled from the task's other inputs), `taskFinalStatus` for exit tasks,
 * and `parameterExpressionSelector` for loop-item fields.
 */
import type { JsonValue, PipelineTaskSpec, RuntimeArtifact } from '@kfp-ts/schemas';
import { selectValue } from './cel-condition.js';
import type { PlaceholderContext } from './placeholders.js';
import { hasPlaceholder, substitute } from './placeholders.js';
import type { TaskState } from './types.js';

/** What a finished task leaves for its siblings. */
export interface Outcome {
  state: TaskState;
  displayName: string;
  parameters: Record<string, JsonValue>;
  artifacts: Record<string, RuntimeArtifact[]>;
  /** Why it failed, for final statuses and summaries. */
  error?: string;
}

export interface DagScope {
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly artifacts: Readonly<Record<string, RuntimeArtifact[]>>;
  readonly outcomes: ReadonlyMap<string, Outcome>;
}

export interface ResolvedInputs {
  parameters: Record<string, JsonValue>;
  artifacts: Record<string, RuntimeArtifact[]>;
}

const produced = (outcome: Outcome | undefined) =>
  outcome?.state === 'SUCCEEDED' || outcome?.state === 'CACHED';

export function resolveTaskInputs(
  task: PipelineTaskSpec,
  scope: DagScope,
  runtime: Readonly<Record<string, string>>,
): ResolvedInputs {
  const parameters: Record<string, JsonValue> = {};
  const templated: Array<[string, JsonValue]> = [];
  for (const [name, spec] of Object.entries(task.inputs?.parameters ?? {})) {
    let value: JsonValue | undefined;
    if (spec.componentInputParameter !== undefined) {
      value = scope.parameters[spec.componentInputParameter];
    } else if (spec.taskOutputParameter) {
      const outcome = scope.outcomes.get(spec.taskOutputParameter.producerTask);
      value = produced(outcome)
        ? outcome!.parameters[spec.taskOutputParameter.outputParameterKey]
        : undefined;
    } else if (spec.taskFinalStatus) {
      value = finalStatus(spec.taskFinalStatus.producerTask, scope.outcomes, runtime);
    } else if (spec.runtimeValue) {
      const runtimeValue = spec.runtimeValue as { constant?: JsonValue; runtimeParameter?: string };
      if ('constant' in runtimeValue && runtimeValue.constant !== undefined) {
        value = runtimeValue.constant;
        if (containsPlaceholder(value)) {
          templated.push([name, value]);
          continue;
        }
      } else if (runtimeValue.runtimeParameter !== undefined) {
        value = scope.parameters[runtimeValue.runtimeParameter];
      }
    }
    if (value === undefined) continue;
    if (spec.parameterExpressionSelector) value = selectValue(spec.parameterExpressionSelector, value);
    parameters[name] = value;
  }
  if (templated.length) {
    const context: PlaceholderContext = { parameters: { ...parameters }, runtime };
    for (const [name, value] of templated) parameters[name] = fill(value, context);
  }
  const artifacts: Record<string, RuntimeArtifact[]> = {};
  for (const [name, spec] of Object.entries(task.inputs?.artifacts ?? {})) {
    let list: RuntimeArtifact[] | undefined;
    if (spec.componentInputArtifact !== undefined) {
      list = scope.artifacts[spec.componentInputArtifact];
    } else if (spec.taskOutputArtifact) {
      const outcome = scope.outcomes.get(spec.taskOutputArtifact.producerTask);
      list = produced(outcome) ? outcome!.artifacts[spec.taskOutputArtifact.outputArtifactKey] : undefined;
    }
    if (list) artifacts[name] = list;
  }
  return { parameters, artifacts };
}

function containsPlaceholder(value: JsonValue): boolean {
  if (typeof value === 'string') return hasPlaceholder(value);
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (value && typeof value === 'object') return Object.values(value).some(containsPlaceholder);
  return false;
}

function fill(value: JsonValue, context: PlaceholderContext): JsonValue {
  if (typeof value === 'string') return substitute(value, context);
  if (Array.isArray(value)) return value.map((v) => fill(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, context)]));
  }
  return value;
}

/** google.rpc.Code values used in final statuses. */
const RPC_CODE = { OK: 0, CANCELLED: 1, UNKNOWN: 2 } as const;

/**
 * KFP's PipelineTaskFinalStatus of a sibling: `{state, error: {code, message}, pipelineJobResourceName,
 * pipelineTaskName}`. KFP's backend leaves `error` empty; here it says what failed.
 */
export function finalStatus(
  producer: string,
  outcomes: ReadonlyMap<string, Outcome>,
  runtime: Readonly<Record<string, string>>,
): JsonValue {
  const outcome = outcomes.get(producer);
  const state = !outcome ? 'NOT_TRIGGERED' : outcome.state === 'CACHED' ? 'SUCCEEDED' : outcome.state;
  const code =
    state === 'SUCCEEDED' || state === 'SKIPPED'
      ? RPC_CODE.OK
      : state === 'CANCELLED'
        ? RPC_CODE.CANCELLED
        : RPC_CODE.UNKNOWN;
  return {
    state,
    error: { code, message: code === RPC_CODE.OK ? '' : (outcome?.error ?? `${producer} did not run`) },
    pipelineJobResourceName: runtime.pipeline_job_resource_name ?? '',
    pipelineTaskName: outcome?.displayName ?? producer,
  };
}
