import type { PipelineTask } from '@kfp-ts/dsl';
import { isParamRef } from '@kfp-ts/dsl';
import type { ResolvedSettings } from './executor-spec.js';
import type { TaskInputsBuilder } from './task-inputs.js';

/** Task input names KFP injects for settings taken from run-time values. */
const INJECTED_INPUT: Record<string, string> = {
  cpuRequest: 'cpu_request',
  cpuLimit: 'cpu_limit',
  memoryRequest: 'memory_request',
  memoryLimit: 'memory_limit',
  acceleratorType: 'accelerator_type',
  acceleratorCount: 'accelerator_count',
  image: 'base_image',
};

/**
 * Resolves resource and image settings. A setting from a pipeline input or task output becomes
 * a placeholder of a `pipelinechannel--*` input, and (as KFP does) a task input named after the
 * setting carries the same placeholder, so backends can resolve it.
 */
export function taskSettings(task: PipelineTask<any>, inputs: TaskInputsBuilder): ResolvedSettings {
  const s = task.settings;
  const raw: Record<string, unknown> = {
    cpuRequest: s.cpuRequest,
    cpuLimit: s.cpuLimit,
    memoryRequest: s.memoryRequest,
    memoryLimit: s.memoryLimit,
    acceleratorType: s.accelerator?.type,
    acceleratorCount: s.accelerator?.count,
    image: s.image,
  };
  const resolved: Record<string, string> = {};
  const dynamic = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const text = isParamRef(value) ? inputs.template(String(value)) : inputs.template(String(value));
    if (text !== String(value) || isParamRef(value)) {
      dynamic.add(key);
      inputs.parameters[INJECTED_INPUT[key]!] = { runtimeValue: { constant: text } };
    }
    resolved[key] = text;
  }
  return { ...resolved, dynamic };
}
