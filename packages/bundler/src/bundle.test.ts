import { createHash } from 'node:crypto';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BundleError, bundleComponentModule } from './bundle.js';
import { cachedBundle, clearBundleCache } from './bundle-cache.js';
import { chooseShipping, EMBED_LIMIT_BYTES } from './shipping.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}.ts`, import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('bundleComponentModule', () => {
  const bundle = bundleComponentModule(fixture('components'));

  it('is deterministic: the same module gives the same bytes, with no absolute path or timestamp', () => {
    const again = bundleComponentModule(fixture('components'));
    expect(again.code).toBe(bundle.code);
    expect(again.gzipBase64).toBe(bundle.gzipBase64);
    expect(bundle.code).not.toContain(REPO_ROOT.replace(/\/$/, ''));
    expect(bundle.code).not.toContain(tmpdir());
    expect(bundle.code).not.toMatch(/\/\/[#@] sourceMappingURL|\/\*!|@license/);
    // The gzip header carries no modification time (bytes 4-7) and a fixed OS byte.
    const header = Buffer.from(bundle.gzipBase64, 'base64').subarray(0, 10);
    expect([...header.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(header[9]).toBe(3);
  });

  it('describes itself consistently: hash, sizes, encoded form, inputs', () => {
    expect(bundle.sha256).toBe(createHash('sha256').update(bundle.code).digest('hex'));
    expect(bundle.bytes).toBe(Buffer.byteLength(bundle.code));
    expect(gunzipSync(Buffer.from(bundle.gzipBase64, 'base64')).toString('utf8')).toBe(bundle.code);
    expect(bundle.gzipBase64Bytes).toBe(bundle.gzipBase64.length);
    expect(bundle.inputs).toContain(fixture('components'));
    expect(bundle.inputs.every((input) => path.isAbsolute(input))).toBe(true);
  });

  it('is one CommonJS file: no require of anything but Node built-ins', () => {
    const required = [...bundle.code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !name.startsWith('node:') && !/^[a-z_]+$/.test(name))).toEqual([]);
  });

  it('embeds a dependency-free module and stages one that imports zod', () => {
    expect(chooseShipping(bundleComponentModule(fixture('trivial')))).toBe('embed');
    const withZod = bundleComponentModule(fixture('with-zod'));
    expect(withZod.gzipBase64Bytes).toBeGreaterThan(EMBED_LIMIT_BYTES);
    expect(chooseShipping(withZod)).toBe('staged');
  });

  it('reports what esbuild cannot bundle, with the file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bundle-'));
    const broken = path.join(dir, 'broken.ts');
    writeFileSync(broken, "import { nothing } from './missing.js';\nexport const x = nothing;\n");
    expect(() => bundleComponentModule(broken)).toThrow(BundleError);
    expect(() => bundleComponentModule(broken)).toThrow(/broken\.ts:1: Could not resolve "\.\/missing\.js"/);
  });
});

describe('cachedBundle', () => {
  it('reuses a bundle until one of its input files changes', () => {
    clearBundleCache();
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-bundle-'));
    const helper = path.join(dir, 'helper.ts');
    const module = path.join(dir, 'module.ts');
    writeFileSync(helper, 'export const greeting = "hello";\n');
    writeFileSync(module, 'export { greeting } from "./helper.js";\n');
    const first = cachedBundle(module);
    expect(cachedBundle(module)).toBe(first);
    writeFileSync(helper, 'export const greeting = "changed";\n');
    utimesSync(helper, new Date(), new Date(Date.now() + 5000));
    const second = cachedBundle(module);
    expect(second).not.toBe(first);
    expect(second.code).toContain('changed');
  });
});
