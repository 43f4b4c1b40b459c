#!/usr/bin/env node
// The `kfp-ts` command. The CLI itself is compiled TypeScript in ../dist (run the workspace build first);
// exitCode rather than process.exit() lets a large YAML written to a pipe finish flushing.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
