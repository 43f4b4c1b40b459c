import { fileURLToPath } from 'node:url';
import { main } from '../main.js';

/** The CLI package directory; tests run the CLI from there, so paths print as `src/__fixtures__/...`. */
export const cliPackageDir = fileURLToPath(new URL('../..', import.meta.url));

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url));
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `kfp-ts <argv>` in-process and captures what it prints. */
export async function runCli(argv: string[], cwd: string = cliPackageDir): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  });
  return { status, stdout, stderr };
}
