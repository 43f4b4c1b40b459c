import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BundleError, bundleComponentModule } from './bundle.js';
import type { ComponentsLibrary } from './library.js';
import { clearLibraryCache, libraryFile } from './library.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}.ts`, import.meta.url));
const load = <T>(file: string) => createRequire(file)(file) as T;

describe('libraryFile', () => {
  it("writes one CommonJS file that exports the module's components and the executor", async () => {
    const library = await libraryFile(fixture('components'));
    expect(library.module).toBe(fixture('components'));
    expect(path.basename(library.path)).toBe(`${library.sha256}.cjs`);
    expect(library.inputs).toContain(fixture('components'));
    const lib = load<ComponentsLibrary>(library.path);
    const exports = lib.load();
    expect(Object.keys(exports)).toEqual(expect.arrayContaining(['echo', 'explode']));
    // Reached through the exported pipeline, as in the container.
    expect(lib.findFunctionComponent(exports, 'quit-early')).toMatchObject({ ok: true });
    const found = lib.findFunctionComponent(exports, 'explode');
    if (!found.ok) throw new Error(found.problem);
    const result = await lib.executeComponent(found.definition, { inputs: {}, outputs: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { message: "component 'explode' failed: the model did not converge" },
    });
  });

  it('is a different file from the container bundle, which it leaves as it is', async () => {
    const before = bundleComponentModule(fixture('components'));
    const library = await libraryFile(fixture('components'));
    expect(library.sha256).not.toBe(before.sha256);
    expect(readFileSync(library.path, 'utf8')).not.toContain('executorMain(process.argv');
    expect(bundleComponentModule(fixture('components')).code).toBe(before.code);
  });

  it('reuses the file until an input changes, from memory and from the disk index', async () => {
    clearLibraryCache();
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-library-'));
    const helper = path.join(dir, 'helper.ts');
    const module = path.join(dir, 'module.ts');
    writeFileSync(helper, 'export const greeting = "hello";\n');
    writeFileSync(module, 'export { greeting } from "./helper.js";\n');
    const first = await libraryFile(module, { kind: 'script' });
    expect(await libraryFile(module, { kind: 'script' })).toBe(first);
    clearLibraryCache();
    expect(await libraryFile(module, { kind: 'script' })).toEqual(first);
    expect(load<{ greeting: string }>(first.path).greeting).toBe('hello');
    writeFileSync(helper, 'export const greeting = "changed";\n');
    utimesSync(helper, new Date(), new Date(Date.now() + 5000));
    const second = await libraryFile(module, { kind: 'script' });
    expect(second.path).not.toBe(first.path);
    expect(load<{ greeting: string }>(second.path).greeting).toBe('changed');
  });

  it("keeps each file's import.meta.url, filename and dirname", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-library-'));
    const helper = path.join(dir, 'helper.mts');
    const module = path.join(dir, 'module.ts');
    writeFileSync(helper, 'export const helperUrl = import.meta.url;\n');
    writeFileSync(
      module,
      'export { helperUrl } from "./helper.mjs";\n' +
        'export const url = import.meta.url, file = import.meta.filename, dir = import.meta.dirname;\n',
    );
    const lib = load<ComponentsLibrary>((await libraryFile(module)).path);
    expect(lib.load()).toMatchObject({
      url: pathToFileURL(module).href,
      file: module,
      dir,
      helperUrl: pathToFileURL(helper).href,
    });
  });

  it('builds a module once when asked twice at the same time', async () => {
    clearLibraryCache();
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-library-'));
    const module = path.join(dir, 'module.ts');
    writeFileSync(module, 'export const x = 1;\n');
    const [a, b] = await Promise.all([libraryFile(module), libraryFile(module)]);
    expect(a).toBe(b);
  });

  it('reports what esbuild cannot bundle, with the file and line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-library-'));
    const broken = path.join(dir, 'broken.ts');
    writeFileSync(broken, "import { nothing } from './missing.js';\nexport const x = nothing;\n");
    const error = await libraryFile(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as Error).message).toMatch(
      /^cannot bundle .*broken\.ts as a library:\n {2}.*broken\.ts:1: Could not resolve "\.\/missing\.js"/,
    );
  });
});
