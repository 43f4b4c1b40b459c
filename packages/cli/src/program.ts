import { Command } from 'commander';
import type { CompileOptions } from './commands/compile.js';
import type { CommandContext } from './commands/context.js';
import { registerRunCommands } from './commands/register-run-commands.js';
import type { RunCommandOptions } from './commands/run.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

const HELP_FOOTER = `
Exit status:
  0  success
  1  validate: the document is not a valid pipeline; submit --wait, wait: the run FAILED or was CANCELLED
  2  error: bad usage, a mistake in the pipeline definition, a refused request, or an internal error
  130  wait interrupted (Ctrl-C); the run goes on unless --cancel-on-interrupt

Examples:
  kfp-ts compile examples/churn/pipeline.ts -o churn.yaml
  kfp-ts compile pipelines.ts --pipeline training --param seed=3 --param c_values='[0.1, 1]'
  kfp-ts validate churn.yaml
  kfp-ts submit examples/churn/pipeline.ts --project my-proj --region us-central1 \
    --pipeline-root gs://my-bucket/runs --param data_uri=gs://my-bucket/churn.csv --wait`;

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
      // Running from TypeScript sources (the @kfp-ts/source condition), the command's own imports
      // need the loader first; from the build, registering late keeps the compiler's imports fast.
      if (import.meta.url.endsWith('.ts'))
        (await import('./typescript-loader.js')).registerTypeScriptLoader();
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

  program
    .command('run')
    .description('run a pipeline on this machine from its compiled IR (TypeScript components in-process)')
    .argument('<file>', 'module exporting the pipeline (.ts, .js) or a compiled pipeline YAML')
    .option('--pipeline <name>', 'which exported pipeline to run, when the module exports several')
    .option(
      '--param <name=value>',
      'a pipeline input value, read as the input type (lists and structs as JSON); repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--output-dir <dir>', 'where runs write their outputs', 'local_outputs')
    .option('--runner <kind>', 'in-process | subprocess | docker', 'in-process')
    .option('--no-cache', 'do not reuse the outputs of earlier runs')
    .option(
      '--failure-policy <policy>',
      'fast: start nothing new after a failure; slow: run what can still run',
      'slow',
    )
    .option('--parallelism <n>', 'how many tasks run at once (default: the number of cores)')
    .option(
      '--workers <n|auto>',
      'worker threads for TypeScript function components (in-process runner); 1: all on the main thread; auto: the number of cores, at most --parallelism',
      'auto',
    )
    .option(
      '--host-image <image>',
      "run this container image's commands on this machine (a local stand-in); '*' for all; repeatable",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--json', 'print the run result as JSON on stdout')
    .action(async (file: string, options: RunCommandOptions, command: Command) => {
      const { runCommand } = await import('./commands/run.js');
      setStatus(await runCommand(file, options, context(command)));
    });

  // submit, status, wait, cancel, list, schedule: run pipelines on Vertex AI or Kubeflow.
  registerRunCommands(program, context, setStatus);

  return program;
}
