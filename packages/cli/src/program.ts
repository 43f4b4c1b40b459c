import { Command } from 'commander';
import type { CompileOptions } from './commands/compile.js';
import type { CommandContext } from './commands/context.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

const HELP_FOOTER = `
Exit status:
  0  success
  1  validate: the document is not a valid pipeline
  2  error: bad usage, a mistake in the pipeline definition, or an internal error

Examples:
  kfp-ts compile examples/churn/pipeline.ts -o churn.yaml
  kfp-ts compile pipelines.ts --pipeline training --param seed=3 --param c_values='[0.1, 1]'
  kfp-ts validate churn.yaml`;

/**
 * The `kfp-ts` commander program. Commands report their exit status through `setStatus`; commander
 * itself never exits the process (exitOverride) nor prints errors (main does, in one format).
 * Each command's module is imported when the command runs: tsx, the schemas and the YAML parser
 * take a good part of a second to load, which `--help`, `--version` and the other command skip.
 */
export function createProgram(io: CliIo, setStatus: (status: number) => void): Command {
  const program = new Command('kfp-ts')
    .description(
      'Compile TypeScript pipelines to Kubeflow Pipelines v2 / Vertex AI Pipelines IR YAML, and validate IR.',
    )
    .version(cliVersion(), '-V, --version', 'print the version')
    .option('--verbose', 'print stack traces with errors')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: () => {},
    })
    .addHelpText('after', HELP_FOOTER);
  const context = (command: Command): CommandContext => ({
    io,
    verbose: command.optsWithGlobals().verbose === true,
  });

  program
    .command('compile')
    .description('compile the pipeline a TypeScript (or JavaScript) module exports to KFP IR YAML')
    .argument('<file>', 'module exporting the pipeline (.ts, .mts, .js, .mjs)')
    .option('--pipeline <name>', 'which exported pipeline to compile, when the module exports several')
    .option('-o, --output <file>', 'write the YAML to this file (atomically) instead of stdout')
    .option(
      '--param <name=value>',
      'override the default of a pipeline input; the value is read as the input type (lists and structs as JSON); repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (file: string, options: CompileOptions, command: Command) => {
      // Before the command's own imports: under the @kfp-ts/source condition they include TypeScript.
      const { registerTypeScriptLoader } = await import('./typescript-loader.js');
      registerTypeScriptLoader();
      const { compileCommand } = await import('./commands/compile.js');
      setStatus(await compileCommand(file, options, context(command)));
    });

  program
    .command('validate')
    .description('check a compiled pipeline YAML against the KFP IR schema and its cross-references')
    .argument('<file>', 'pipeline YAML (PipelineSpec, optionally followed by a PlatformSpec document)')
    .action(async (file: string, _options: unknown, command: Command) => {
      const { validateCommand } = await import('./commands/validate.js');
      setStatus(await validateCommand(file, context(command)));
    });

  return program;
}
