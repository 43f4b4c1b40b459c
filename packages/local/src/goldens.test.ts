// Real material: the TypeScript ports of KFP's golden pipelines (compiled by our compiler, run
// in-process, containers on the host) and the golden IR YAML files written by the Python `kfp`
// compiler, run as they are with their Python components replaced by TypeScript mocks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Component } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import type { MockFunction, RunResult } from './index.js';
import { loadPipelineSpec, runPipeline, runPipelineSpec } from './index.js';

const GOLDEN_DIR = process.env.KFP_GOLDEN_DIR
  ? pathToFileURL(`${resolve(process.env.KFP_GOLDEN_DIR)}/`)
  : new URL('../../../../shared/kfp-golden/yaml/', import.meta.url);
const PORTS = new URL('../../compiler/src/conformance/pipelines/', import.meta.url);
const tempDir = () => mkdtempSync(path.join(tmpdir(), 'kfp-ts-golden-'));

interface PortCase {
  parameters?: Record<string, unknown>;
  mocks?: Record<string, MockFunction>;
  /** The state the run must end in, and for failures the task and a pattern of its error. */
  expect: 'SUCCEEDED' | { failed: string; error: RegExp };
  check?: (result: RunResult) => void;
}

const PORT_CASES: Record<string, PortCase> = {
  add_numbers: {
    parameters: { a: 2, b: 3 },
    expect: 'SUCCEEDED',
    check: (r) => expect(r.pipelineOutputs.parameters.Output).toBe(5),
  },
  artifacts_simple: {
    expect: 'SUCCEEDED',
    check: (r) => expect(readFileSync(r.tasks.add!.artifacts.out_dataset as string, 'utf8')).toBe('12'),
  },
  component_with_optional_inputs: { expect: 'SUCCEEDED' },
  component_with_pip_install: { expect: 'SUCCEEDED' },
  // The golden's program is a placeholder name (`my_program`), which no machine has.
  container_with_if_placeholder: {
    expect: { failed: 'container-with-if-placeholder', error: /cannot start 'my_program'/ },
  },
  containerized_python_component: { parameters: { message1: 'a', message2: 'b' }, expect: 'SUCCEEDED' },
  flip_coin: { expect: 'SUCCEEDED' },
  if_elif_else_with_oneof_parameters: {
    expect: 'SUCCEEDED',
    check: (r) =>
      expect(['Got heads!', 'Got tails!', 'Draw!']).toContain(r.pipelineOutputs.parameters.Output),
  },
  lightweight_python_functions_pipeline: { parameters: { message: 'hi' }, expect: 'SUCCEEDED' },
  lightweight_python_functions_with_outputs: {
    parameters: { first_message: 'a', second_message: 'b', first_number: 1, second_number: 2 },
    expect: 'SUCCEEDED',
  },
  pipeline_in_pipeline: { expect: 'SUCCEEDED' },
  pipeline_with_after: { expect: 'SUCCEEDED' },
  pipeline_with_caching: { expect: 'SUCCEEDED' },
  pipeline_with_env: { expect: 'SUCCEEDED' },
  pipeline_with_exit_handler: {
    expect: { failed: 'exit-handler-1/fail-op', error: /Task failed/ },
    check: (r) => expect(r.tasks['print-op']!.state).toBe('SUCCEEDED'),
  },
  // The importer's URI is a public bucket, which a local run cannot read.
  pipeline_with_importer: { expect: { failed: 'train', error: /ENOENT.*\/gcs\/ml-pipeline-playground/ } },
  pipeline_with_loops: { expect: 'SUCCEEDED' },
  pipeline_with_parallelfor_list_artifacts: { expect: 'SUCCEEDED' },
  pipeline_with_parallelfor_pipeline_param: {
    parameters: { prefix: 'p', loop_parameter: ['x', 'y'] },
    expect: 'SUCCEEDED',
  },
  pipeline_with_placeholders: { expect: 'SUCCEEDED' },
  // Its images rely on their entrypoints (the IR has no command) to run.
  pipeline_with_resource_spec: { expect: { failed: 'ingestion', error: /relies on the image's entrypoint/ } },
  pipeline_with_retry: { expect: 'SUCCEEDED' },
  pipeline_with_task_final_status: {
    expect: { failed: 'exit-handler-1/fail-op', error: /Task failed/ },
    check: (r) => expect(r.tasks['exit-op']!.state).toBe('SUCCEEDED'),
  },
  // Its containers run gsutil against Cloud Storage: mocked by their component names.
  two_step_pipeline: {
    mocks: {
      'Write to GCS': (
        { text }: { text: string },
        { output_gcs_path }: { output_gcs_path: { path: string } },
      ) => {
        writeFileSync(output_gcs_path.path, text);
      },
      'Read from GCS': ({ input_gcs_path }: { input_gcs_path: { path: string } }) => {
        console.log(readFileSync(input_gcs_path.path, 'utf8'));
      },
    },
    expect: 'SUCCEEDED',
    check: (r) => {
      expect(r.tasks['write-to-gcs']!.displayName).toBe('Producer');
      expect(readFileSync(path.join(r.outputDir, 'read-from-gcs', 'executor.log'), 'utf8')).toBe(
        'Hello KFP!\n',
      );
    },
  },
  two_step_pipeline_containerized: { parameters: { text: 'hello' }, expect: 'SUCCEEDED' },
};

describe('the ported goldens, compiled and run (containers on this machine)', () => {
  it.each(Object.keys(PORT_CASES))('%s', async (name) => {
    const port = (await import(new URL(`${name}.ts`, PORTS).href)) as {
      target: Component<any, any, any>;
      options?: object;
    };
    const testCase = PORT_CASES[name]!;
    const result = await runPipeline(port.target, testCase.parameters ?? {}, {
      hostImages: ['*'],
      cache: false,
      ...(testCase.mocks ? { mocks: testCase.mocks } : {}),
      compileOptions: { ...port.options, shipping: { mode: 'image' } },
    });
    if (testCase.expect === 'SUCCEEDED') {
      expect(result.error).toBeUndefined();
      expect(result.state).toBe('SUCCEEDED');
    } else {
      expect(result.state).toBe('FAILED');
      expect(result.failedTasks[0]).toBe(testCase.expect.failed);
      expect(result.tasks[testCase.expect.failed]!.error).toMatch(testCase.expect.error);
    }
    testCase.check?.(result);
  });
});

const golden = (name: string) =>
  loadPipelineSpec(readFileSync(fileURLToPath(new URL(`${name}.yaml`, GOLDEN_DIR)), 'utf8'));

describe('golden IR written by the Python kfp compiler', () => {
  it('refuses Python components clearly when not mocked, naming the task', async () => {
    const result = await runPipelineSpec(golden('flip_coin'), { outputDir: tempDir() });
    expect(result.state).toBe('FAILED');
    expect(result.tasks['flip-coin']!.error).toMatch(
      /^task 'flip-coin' is a Python lightweight component \(python3 -m kfp\.dsl\.executor_main, function 'flip_coin'\)/,
    );
  });

  it('runs flip_coin.yaml (nested conditions, f-string constants) with TypeScript mocks', async () => {
    const printed: string[] = [];
    const mocks: Record<string, MockFunction> = {
      flip_coin: () => ({ Output: 'tails' }),
      random_num: ({ low }: { low: number }) => ({ Output: low + 7 }),
      print_msg: ({ msg }: { msg: string }) => {
        printed.push(msg);
      },
    };
    const result = await runPipelineSpec(golden('flip_coin'), { outputDir: tempDir(), mocks });
    expect(result.state).toBe('SUCCEEDED');
    expect(printed).toEqual(['tails and 17 > 15!']);
  });

  it('runs pipeline_with_loops.yaml (raw, input and task-output loops, struct fields) with mocks', async () => {
    const printed: unknown[] = [];
    const result = await runPipelineSpec(golden('pipeline_with_loops'), {
      outputDir: tempDir(),
      parameters: { loop_parameter: ['a', 'b'] },
      mocks: {
        args_generator_op: () => ({
          Output: [
            { A_a: '1', B_b: '2' },
            { A_a: '10', B_b: '20' },
          ],
        }),
        print_text: ({ msg }: { msg: string }) => {
          printed.push(msg);
        },
        print_struct: ({ struct }: { struct: unknown }) => {
          printed.push(struct);
        },
      },
    });
    expect(result.state).toBe('SUCCEEDED');
    expect(printed).toEqual(expect.arrayContaining(['a', 'b', '1', '10', '2', '20', { A_a: '1', B_b: '2' }]));
  });

  it('runs pipeline_with_task_final_status.yaml: the exit task gets the FAILED status', async () => {
    let status: any;
    const result = await runPipelineSpec(golden('pipeline_with_task_final_status'), {
      outputDir: tempDir(),
      mocks: {
        print_op: () => {},
        fail_op: () => {
          throw new Error('Task failed.');
        },
        exit_op: ({ status: s }: { status: unknown }) => {
          status = s;
        },
      },
    });
    expect(result.state).toBe('FAILED');
    expect(status).toMatchObject({ state: 'FAILED', pipelineTaskName: 'my-pipeline', error: { code: 2 } });
  });

  it('runs if_elif_else_with_oneof_parameters.yaml: oneOf through a nested pipeline', async () => {
    const result = await runPipelineSpec(golden('if_elif_else_with_oneof_parameters'), {
      outputDir: tempDir(),
      mocks: {
        flip_three_sided_die: () => ({ Output: 'draw' }),
        print_and_return: ({ text }: { text: string }) => ({ Output: text }),
        special_print_and_return: ({ text }: { text: string }) => ({ output_key: text }),
      },
    });
    expect(result.state).toBe('SUCCEEDED');
    expect(result.pipelineOutputs.parameters.Output).toBe('Draw!');
  });

  it('runs artifacts_simple.yaml: fan-in of Dataset artifacts into a mocked function and container', async () => {
    const result = await runPipelineSpec(golden('artifacts_simple'), {
      outputDir: tempDir(),
      mocks: {
        double: ({ num }: { num: number }, { out_dataset }: { out_dataset: { path: string } }) => {
          writeFileSync(out_dataset.path, String(2 * num));
        },
        add: (
          { in_datasets }: { in_datasets: { path: string }[] },
          { out_dataset }: { out_dataset: { path: string } },
        ) => {
          writeFileSync(
            out_dataset.path,
            String(in_datasets.reduce((s, d) => s + Number(readFileSync(d.path, 'utf8')), 0)),
          );
        },
        'add-container': (_inputs: unknown, { out_dataset }: { out_dataset: { path: string } }) => {
          writeFileSync(out_dataset.path, 'from the mock');
        },
      },
    });
    expect(result.state).toBe('SUCCEEDED');
    expect(readFileSync(result.tasks.add!.artifacts.out_dataset as string, 'utf8')).toBe('12');
    const collected = result.pipelineOutputs.artifacts.Output as { path: string }[];
    expect(collected.map((a) => readFileSync(a.path, 'utf8'))).toEqual(['2', '4', '6']);
  });
});
