import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '@kfp-ts/executor';
import { describe, expect, it } from 'vitest';
import { checkSegment, createRunDir, safeJoin, UnsafePathError } from './output-layout.js';

describe('path safety', () => {
  it.each(['..', '.', '', 'a/b', 'a\\b', 'x\0y', 'executor_output.json', 'x'.repeat(201)])(
    'refuses %j',
    (segment) => {
      expect(() => checkSegment(segment, 'task name')).toThrow(UnsafePathError);
    },
  );

  it('accepts ordinary names, dots and spaces included', () => {
    for (const name of ['train', 'train-2', 'model.joblib', 'my output', '..hidden'])
      expect(checkSegment(name, 'x')).toBe(name);
  });

  it('keeps joined paths inside the root', () => {
    expect(safeJoin('/out/run', ['for-loop-2', '0', 'train'], 'task')).toBe('/out/run/for-loop-2/0/train');
    expect(() => safeJoin('/out/run', ['..', 'etc'], 'task')).toThrow(/cannot be used as a file name/);
  });
});

describe('createRunDir', () => {
  it('gives runs started in the same millisecond their own folders', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kfp-ts-layout-'));
    const now = new Date(2026, 0, 2, 3, 4, 5, 6);
    const dirs = await Promise.all([1, 2, 3].map(() => createRunDir(out, 'demo', now)));
    expect(new Set(dirs).size).toBe(3);
    expect(dirs.map((d) => path.basename(d)).sort()).toEqual([
      'demo-2026-01-02-03-04-05-006',
      'demo-2026-01-02-03-04-05-006-2',
      'demo-2026-01-02-03-04-05-006-3',
    ]);
  });
});

describe('writeFileAtomic', () => {
  it('leaves one whole file and no temporary files behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-atomic-'));
    const file = path.join(dir, 'out.json');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeFileAtomic(file, JSON.stringify({ i, pad: 'x'.repeat(10_000) })),
      ),
    );
    expect(JSON.parse(readFileSync(file, 'utf8')).pad).toHaveLength(10_000);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});
