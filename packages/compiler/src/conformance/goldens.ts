/**
 * The conformance suite: for each golden IR file written by the Python `kfp` compiler, the port of
 * its pipeline to our DSL and how to check one against the other. Used by conformance.test.ts and
 * by scripts/conformance.ts.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Component } from '@kfp-ts/dsl';
import { parse } from 'yaml';
import type { CompileOptions } from '../index.js';
import type { Difference } from './compare.js';
import { compareToGolden } from './compare.js';

/**
 * The golden YAML files: `shared/kfp-golden/yaml/` beside the repository (as on CI), or the folder
 * named by `KFP_GOLDEN_DIR`.
 */
export const GOLDEN_DIR: URL = process.env.KFP_GOLDEN_DIR
  ? pathToFileURL(`${resolve(process.env.KFP_GOLDEN_DIR)}/`)
  : new URL('../../../../../shared/kfp-golden/yaml/', import.meta.url);

/** What a port module exports. */
export interface Port {
  target: Component<any, any, any>;
  options?: CompileOptions;
}

export interface Golden {
  /** The golden's file name without `.yaml`. */
  name: string;
  /** Imports the port lazily, so one broken port does not break the others. */
  load: () => Promise<Port>;
}

export const GOLDENS: readonly Golden[] = [
  { name: 'add_numbers', load: () => import('./pipelines/add_numbers.js') },
  { name: 'two_step_pipeline', load: () => import('./pipelines/two_step_pipeline.js') },
  {
    name: 'two_step_pipeline_containerized',
    load: () => import('./pipelines/two_step_pipeline_containerized.js'),
  },
  {
    name: 'lightweight_python_functions_pipeline',
    load: () => import('./pipelines/lightweight_python_functions_pipeline.js'),
  },
  {
    name: 'lightweight_python_functions_with_outputs',
    load: () => import('./pipelines/lightweight_python_functions_with_outputs.js'),
  },
  { name: 'flip_coin', load: () => import('./pipelines/flip_coin.js') },
  {
    name: 'if_elif_else_with_oneof_parameters',
    load: () => import('./pipelines/if_elif_else_with_oneof_parameters.js'),
  },
  { name: 'pipeline_with_loops', load: () => import('./pipelines/pipeline_with_loops.js') },
  {
    name: 'pipeline_with_parallelfor_pipeline_param',
    load: () => import('./pipelines/pipeline_with_parallelfor_pipeline_param.js'),
  },
  { name: 'artifacts_simple', load: () => import('./pipelines/artifacts_simple.js') },
  {
    name: 'pipeline_with_parallelfor_list_artifacts_GH-12033',
    load: () => import('./pipelines/pipeline_with_parallelfor_list_artifacts.js'),
  },
  { name: 'pipeline_with_exit_handler', load: () => import('./pipelines/pipeline_with_exit_handler.js') },
  {
    name: 'pipeline_with_task_final_status',
    load: () => import('./pipelines/pipeline_with_task_final_status.js'),
  },
  { name: 'pipeline_in_pipeline', load: () => import('./pipelines/pipeline_in_pipeline.js') },
  { name: 'pipeline_with_importer', load: () => import('./pipelines/pipeline_with_importer.js') },
  { name: 'pipeline_with_retry', load: () => import('./pipelines/pipeline_with_retry.js') },
  { name: 'pipeline_with_caching', load: () => import('./pipelines/pipeline_with_caching.js') },
  { name: 'pipeline_with_resource_spec', load: () => import('./pipelines/pipeline_with_resource_spec.js') },
  { name: 'pipeline_with_env', load: () => import('./pipelines/pipeline_with_env.js') },
  {
    name: 'component_with_optional_inputs',
    load: () => import('./pipelines/component_with_optional_inputs.js'),
  },
  {
    name: 'container_with_if_placeholder',
    load: () => import('./pipelines/container_with_if_placeholder.js'),
  },
  { name: 'pipeline_with_placeholders', load: () => import('./pipelines/pipeline_with_placeholders.js') },
  { name: 'pipeline_with_after', load: () => import('./pipelines/pipeline_with_after.js') },
  {
    name: 'containerized_python_component',
    load: () => import('./pipelines/containerized_python_component.js'),
  },
  { name: 'component_with_pip_install', load: () => import('./pipelines/component_with_pip_install.js') },
];

/** The parsed golden IR (the YAML's first document; the `#` header is a comment). */
export async function loadGolden(name: string): Promise<object> {
  const text = await readFile(new URL(`${name}.yaml`, GOLDEN_DIR), 'utf8');
  return parse(text) as object;
}

/** Compiles the port of `golden` and compares it with the golden file. Throws if either fails. */
export async function checkGolden(golden: Golden): Promise<Difference[]> {
  // Imported here so that a compiler that fails to load fails each golden, not the whole suite.
  const { compile } = await import('../index.js');
  const [port, expected] = await Promise.all([golden.load(), loadGolden(golden.name)]);
  const ours = compile(port.target, port.options ?? {});
  return compareToGolden(ours as object, expected);
}

/** `path: message` lines for the first `limit` differences. */
export function describeDifferences(differences: readonly Difference[], limit = 10): string {
  const lines = differences.slice(0, limit).map((d) => `  ${d.path}: ${d.message}`);
  if (differences.length > limit) lines.push(`  ... and ${differences.length - limit} more`);
  return lines.join('\n');
}
