/**
 * Runs a mock in place of a component (function or container), driven by the IR alone: the mock
 * gets the same arguments a function component's `run` gets (parameter values, input artifacts,
 * then output artifacts to write), and returns the output parameters. Outputs are written where the
 * real component would write them, so downstream tasks and the result cannot tell the difference.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '@kfp-ts/executor';
import type { ComponentSpec, JsonValue, RuntimeArtifact } from '@kfp-ts/schemas';
import type { SharedExclusiveGate } from '../limiter.js';
import type { ExecutorKind, MockFunction } from '../types.js';
import { runWithEnv } from './in-process.js';
import { withTaskLog } from './log-capture.js';
import type { ExecutionOutputs, ExecutionRequest, TaskExecutor } from './types.js';

export class MockExecutor implements TaskExecutor {
  readonly kind: ExecutorKind = 'mock';

  constructor(
    private readonly mock: MockFunction,
    private readonly component: ComponentSpec,
    private readonly gate: SharedExclusiveGate,
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutputs> {
    const input = request.executorInput;
    const inputs: Record<string, unknown> = { ...(input.inputs?.parameterValues ?? {}) };
    for (const [name, decl] of Object.entries(this.component.inputDefinitions?.artifacts ?? {})) {
      const list = (input.inputs?.artifacts?.[name]?.artifacts ?? []).map((a) => view(a, request));
      inputs[name] = decl.isArtifactList ? list : list[0];
    }
    const outputs: Record<string, unknown> = {};
    const outputObjects: Record<string, ReturnType<typeof view>[]> = {};
    for (const [name, decl] of Object.entries(this.component.outputDefinitions?.artifacts ?? {})) {
      const list = (input.outputs?.artifacts?.[name]?.artifacts ?? []).map((a) => view(a, request));
      for (const a of list) await mkdir(path.dirname(a.path), { recursive: true });
      outputObjects[name] = list;
      outputs[name] = decl.isArtifactList ? list : list[0];
    }
    const returned = await runWithEnv(this.gate, this.env, () =>
      withTaskLog(request.log, async () =>
        this.mock(inputs as never, outputs as never, {
          taskName: request.taskName,
          pipelineJobName: request.pipelineJobName,
        }),
      ),
    );
    const parameters = { ...((returned ?? {}) as Record<string, JsonValue>) };
    const files = input.outputs?.parameters ?? {};
    for (const [name, value] of Object.entries(parameters)) {
      const file = files[name]?.outputFile;
      if (file && value !== undefined)
        await writeFileAtomic(file, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const artifacts: Record<string, RuntimeArtifact[]> = {};
    for (const [name, list] of Object.entries(outputObjects)) {
      artifacts[name] = list.map((a) => ({
        name: a.name,
        type: a.type,
        uri: a.uri,
        metadata: a.metadata as Record<string, JsonValue>,
      }));
    }
    // Same files as a real component, so the task folder looks the same.
    const outputFile = input.outputs?.outputFile;
    if (outputFile) {
      const wrapped = Object.fromEntries(
        Object.entries(artifacts).map(([k, list]) => [k, { artifacts: list }]),
      );
      await writeFileAtomic(outputFile, JSON.stringify({ parameterValues: parameters, artifacts: wrapped }));
    }
    return { parameters, artifacts };
  }
}

function view(a: RuntimeArtifact, request: ExecutionRequest) {
  const uri = a.uri ?? '';
  return {
    name: a.name ?? '',
    type: a.type,
    schemaTitle: a.type?.schemaTitle ?? 'system.Artifact',
    uri,
    path: request.uriToPath(uri),
    metadata: { ...(a.metadata ?? {}) } as Record<string, unknown>,
  };
}
