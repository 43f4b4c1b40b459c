import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { tempDir } from './test-helpers/executor-input.js';

describe('writeFileAtomic', () => {
  it('creates parent folders and replaces an existing file whole', async () => {
    const root = tempDir();
    const file = path.join(root, 'a', 'b', 'out.json');
    await writeFileAtomic(file, 'first, longer text');
    await writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(path.dirname(file))).toEqual(['out.json']);
  });

  it('leaves the target and no temporary file behind when the rename fails', async () => {
    const root = tempDir();
    const target = path.join(root, 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'text')).rejects.toThrow();
    expect(readdirSync(root)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['keep']);
  });
});
