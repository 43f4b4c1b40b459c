import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes `text` so that a reader (the KFP launcher, a local runner, a CLI user) sees the old file or the
 * complete new one, never a partial write: the text goes to a temporary file in the same
 * directory (rename is atomic only within one file system), which then replaces `file`. Parent
 * directories are created; the temporary file is removed on failure.
 */
export async function writeFileAtomic(file: string, text: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
