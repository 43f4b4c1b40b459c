import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kfp-ts-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces the file and leaves nothing else behind', async () => {
    const file = path.join(dir, 'out.yaml');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new: 1\n');
    expect(await readFile(file, 'utf8')).toBe('new: 1\n');
    expect(await readdir(dir)).toEqual(['out.yaml']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const target = path.join(dir, 'taken');
    await writeFile(path.join(dir, 'keep'), '');
    // A non-empty directory cannot be replaced by a file.
    await import('node:fs/promises').then((fs) => fs.mkdir(target));
    await writeFile(path.join(target, 'inside'), '');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['keep', 'taken']);
  });
});
