// Writes the JSON Schema files in schemas/json/ from the zod schemas of @kfp-ts/schemas.
//
//   node --import tsx scripts/gen-json-schema.ts           regenerate the files
//   node --import tsx scripts/gen-json-schema.ts --check   write nothing; exit 1 if a file is stale
//
// The output is deterministic (sorted keys, 2-space JSON, trailing newline), so `--check` in CI
// catches a schema change that was not followed by regenerating the checked-in files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildJsonSchemas } from '../schemas/src/index.js';

const OUTPUT_DIR = fileURLToPath(new URL('../schemas/json/', import.meta.url));
const DISPLAY_DIR = 'schemas/json/';
const REGENERATE = 'node --import tsx scripts/gen-json-schema.ts';

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function main(argv: readonly string[]): number {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(
      `gen-json-schema: unknown argument(s) ${unknown.join(' ')}; usage: ${REGENERATE} [--check]`,
    );
    return 2;
  }
  const check = argv.includes('--check');
  const files = buildJsonSchemas().map(({ fileName, schema }) => ({
    fileName,
    text: `${JSON.stringify(schema, null, 2)}\n`,
  }));

  if (check) {
    const stale = files.filter(({ fileName, text }) => readIfExists(OUTPUT_DIR + fileName) !== text);
    const expected = new Set(files.map(({ fileName }) => fileName));
    const extra = listSchemaFiles().filter((fileName) => !expected.has(fileName));
    for (const { fileName } of stale) {
      const state = readIfExists(OUTPUT_DIR + fileName) === undefined ? 'missing' : 'stale';
      console.error(
        `gen-json-schema: ${DISPLAY_DIR}${fileName} is ${state}; regenerate it with: ${REGENERATE}`,
      );
    }
    for (const fileName of extra) {
      console.error(`gen-json-schema: ${DISPLAY_DIR}${fileName} is no longer generated; delete it`);
    }
    if (stale.length > 0 || extra.length > 0) return 1;
    console.log(`gen-json-schema: ${files.length} files in ${DISPLAY_DIR} are up to date`);
    return 0;
  }

  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const { fileName, text } of files) {
    writeFileSync(OUTPUT_DIR + fileName, text);
    console.log(`gen-json-schema: wrote ${DISPLAY_DIR}${fileName}`);
  }
  return 0;
}

/** The generated-looking files currently in the output folder. */
function listSchemaFiles(): string[] {
  return existsSync(OUTPUT_DIR)
    ? readdirSync(OUTPUT_DIR).filter((name) => name.endsWith('.schema.json'))
    : [];
}

process.exitCode = main(process.argv.slice(2));
