/**
 * Compiles the example pipelines to the YAML checked in next to them (`examples/<name>/pipeline.yaml`
 * and, when bundles are staged, `examples/<name>/pipeline.yaml.assets/`), as
 * `kfp-ts compile examples/<name>/pipeline.ts -o examples/<name>/pipeline.yaml` does.
 *
 *   node --conditions=@kfp-ts/source --import tsx scripts/examples-compile.ts           # write
 *   node --conditions=@kfp-ts/source --import tsx scripts/examples-compile.ts --check   # compare only
 *
 * The bundles embed the code of every package a component module imports (@kfp-ts/components,
 * @kfp-ts/ml, @kfp-ts/dsl, zod), so the YAML changes whenever that code does: regenerate with this
 * one command. The examples' tests call `checkExample` to keep the files fresh.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileWithAssets, toKfpYaml } from '../packages/compiler/src/index.js';

export const EXAMPLES = ['churn', 'car-price', 'trees'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REGENERATE = 'pnpm examples:compile';

interface Compiled {
  readonly yamlPath: string;
  readonly yaml: string;
  readonly assetsDir: string;
  readonly assets: readonly { fileName: string; code: string }[];
}

/** The example's one exported pipeline, compiled. */
export async function compileExample(name: ExampleName): Promise<Compiled> {
  const file = path.join(REPO_ROOT, 'examples', name, 'pipeline.ts');
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const pipelines = Object.values(module).filter(
    (value) => (value as { definition?: { kind?: string } })?.definition?.kind === 'pipeline',
  );
  if (pipelines.length !== 1)
    throw new Error(`${file}: expected one exported pipeline, found ${pipelines.length}`);
  const { spec, assets } = compileWithAssets(pipelines[0] as Parameters<typeof compileWithAssets>[0]);
  const yamlPath = path.join(REPO_ROOT, 'examples', name, 'pipeline.yaml');
  return { yamlPath, yaml: toKfpYaml(spec), assetsDir: `${yamlPath}.assets`, assets };
}

/** Differences between the compiled example and the checked-in files (empty when fresh). */
export async function checkExample(name: ExampleName): Promise<string[]> {
  const c = await compileExample(name);
  const problems: string[] = [];
  const rel = (p: string) => path.relative(REPO_ROOT, p);
  if (!existsSync(c.yamlPath)) problems.push(`${rel(c.yamlPath)} is missing`);
  else if (readFileSync(c.yamlPath, 'utf8') !== c.yaml) problems.push(`${rel(c.yamlPath)} is stale`);
  const present = existsSync(c.assetsDir) ? readdirSync(c.assetsDir).sort() : [];
  const wanted = c.assets.map((a) => a.fileName).sort();
  for (const asset of c.assets) {
    const file = path.join(c.assetsDir, asset.fileName);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== asset.code)
      problems.push(`${rel(file)} is missing or stale`);
  }
  for (const extra of present.filter((f) => !wanted.includes(f))) {
    problems.push(`${rel(path.join(c.assetsDir, extra))} is no longer used`);
  }
  return problems;
}

/** Writes the example's YAML and exactly its staged bundles. */
export async function writeExample(name: ExampleName): Promise<Compiled> {
  const c = await compileExample(name);
  rmSync(c.assetsDir, { recursive: true, force: true });
  if (c.assets.length > 0) {
    mkdirSync(c.assetsDir, { recursive: true });
    for (const asset of c.assets) writeFileSync(path.join(c.assetsDir, asset.fileName), asset.code);
  }
  writeFileSync(c.yamlPath, c.yaml);
  return c;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const name of EXAMPLES) {
    if (check) {
      const problems = await checkExample(name);
      failed ||= problems.length > 0;
      console.log(problems.length === 0 ? `${name}: fresh` : `${name}: ${problems.join('; ')}`);
    } else {
      const c = await writeExample(name);
      console.log(
        `${name}: wrote ${path.relative(REPO_ROOT, c.yamlPath)}${c.assets.length ? ` and ${c.assets.length} staged bundle(s) in ${path.relative(REPO_ROOT, c.assetsDir)}/` : ''}`,
      );
    }
  }
  if (failed) {
    console.error(`Regenerate with: ${REGENERATE}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
