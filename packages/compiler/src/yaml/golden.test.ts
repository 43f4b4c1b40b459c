// Byte-for-byte check against the YAML files KFP's Python compiler wrote: parse each golden, emit it
// again (header included) and compare the text.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toKfpYaml } from './header.js';

/** Same convention as the conformance suite: `shared/kfp-golden/yaml/` beside the repository, or `KFP_GOLDEN_DIR`. */
const GOLDEN_DIR = fileURLToPath(
  process.env.KFP_GOLDEN_DIR
    ? pathToFileURL(`${resolve(process.env.KFP_GOLDEN_DIR)}/`)
    : new URL('../../../../../shared/kfp-golden/yaml/', import.meta.url),
);

const GOLDEN_FILES = readdirSync(GOLDEN_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

describe('emitting the KFP goldens again gives the same bytes', () => {
  it('finds the 25 goldens', () => {
    expect(GOLDEN_FILES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(GOLDEN_FILES)('%s', (file) => {
    const text = readFileSync(`${GOLDEN_DIR}/${file}`, 'utf8');
    // `yaml` reads `2.0` as the number 2; the emitter writes every number outside the int32
    // fields as a float again, so nothing is lost.
    const [spec, platformSpec] = parseAllDocuments(text).map((document) => document.toJS());
    expect(toKfpYaml(spec, platformSpec)).toBe(text);
  });
});
