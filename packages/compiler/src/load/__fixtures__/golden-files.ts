/**
 * Where the tests of the loaders find KFP's files: the golden IR (the conformance suite's folder)
 * and, beside it, the v1 component files that `pipeline_with_resource_spec` loads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { GOLDEN_DIR } from '../../conformance/goldens.js';

export const V1_DIR = new URL('../v1_component_yaml/', GOLDEN_DIR);

/** Path of a golden IR file (`add_numbers` -> .../yaml/add_numbers.yaml). */
export const goldenPath = (name: string): string => fileURLToPath(new URL(`${name}.yaml`, GOLDEN_DIR));

/** Path of a v1 component file of the golden set. */
export const v1Path = (file: string): string => fileURLToPath(new URL(file, V1_DIR));

/** A golden IR file as plain data. */
export function golden(name: string): Record<string, any> {
  return parse(readFileSync(goldenPath(name), 'utf8')) as Record<string, any>;
}
