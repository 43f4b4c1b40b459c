/**
 * The run commands on the `kfp-ts` program: submit, status, wait, cancel, list, schedule. Only
 * their options are declared here; each command's module (and @kfp-ts/vertex, with gRPC and
 * the Vertex AI client) is imported when the command runs, so `--help` and the other commands
 * stay fast.
 */
import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import type { JobCommandOptions } from './jobs.js';
import type { ScheduleCommandOptions, ScheduleCreateOptions } from './schedule.js';
import type { SubmitCommandOptions } from './submit.js';

type Context = (command: Command) => CommandContext;
type SetStatus = (status: number) => void;

const collect = (value: string, previous: string[]) => [...previous, value];

function targetOptions(command: Command, kfp = true): Command {
  command
    .option('--project <id>', 'Google Cloud project (default: GOOGLE_CLOUD_PROJECT or CLOUDSDK_CORE_PROJECT)')
    .option(
      '--region <region>',
      'Vertex AI region, e.g. us-central1 (default: GOOGLE_CLOUD_REGION or CLOUDSDK_COMPUTE_REGION)',
    )
    .option(
      '--api-endpoint <url>',
      'Vertex AI endpoint (default: KFP_TS_VERTEX_ENDPOINT, else <region>-aiplatform.googleapis.com); http:// means plaintext without credentials',
    );
  if (kfp) {
    command
      .option('--target <target>', 'vertex (default) or kfp (a self-hosted Kubeflow Pipelines API)')
      .option('--host <url>', 'with --target kfp: the Kubeflow Pipelines API URL (default: KFP_TS_KFP_HOST)')
      .option('--token <token>', 'with --target kfp: bearer token (default: KFP_TS_KFP_TOKEN)');
  }
  return command.option('--json', 'print the result as JSON on stdout (for scripts)');
}

function runOptions(command: Command): Command {
  return command
    .option('--pipeline <name>', 'which exported pipeline, when the module exports several')
    .option(
      '--pipeline-root <gs://...>',
      "where the run writes its outputs (default: the pipeline's pipelineRoot)",
    )
    .option(
      '--param <name=value>',
      'a parameter value, read as its declared type (lists and structs as JSON); repeatable',
      collect,
      [],
    )
    .option('--params-file <file>', 'parameter values from a JSON or YAML object (--param wins)')
    .option(
      '--upload <name=path>',
      "upload a local file and pass its gs:// URI as parameter 'name'; repeatable",
      collect,
      [],
    )
    .option('--display-name <name>', 'display name of the run')
    .option('--label <key=value>', 'a label of the run; repeatable', collect, [])
    .option('--service-account <email>', 'service account the run uses')
    .option('--network <name>', 'VPC network to peer with (projects/<number>/global/networks/<name>)')
    .option('--encryption-key <name>', 'Cloud KMS key for customer-managed encryption')
    .option('--cache', 'turn caching on for every task')
    .option('--no-cache', 'turn caching off for every task')
    .option('--failure-policy <policy>', 'fast (stop scheduling after a failure) or slow (default)')
    .option(
      '--storage-endpoint <url>',
      'Cloud Storage endpoint for staging (default: STORAGE_EMULATOR_HOST, else Google); http:// means no credentials',
    );
}

function waitOptions(command: Command): Command {
  return command
    .option('--cancel-on-interrupt', 'on Ctrl-C, cancel the run (default: stop waiting and leave it running)')
    .option('--poll-interval <seconds>', 'first interval between status checks (default 5; grows up to 60)');
}

export function registerRunCommands(program: Command, context: Context, setStatus: SetStatus): void {
  const submit = program
    .command('submit')
    .description(
      'compile a pipeline and run it on Vertex AI Pipelines (or Kubeflow Pipelines with --target kfp)',
    )
    .argument('<file>', 'TypeScript/JavaScript module exporting the pipeline, or compiled IR (.yaml, .json)')
    .option('--job-id <id>', 'ID of the run (default: <pipeline-name>-<yyyymmddhhmmss>)')
    .option('--experiment <id>', 'with --target kfp: the experiment of the run')
    .option('--wait', 'follow the run until it ends; exit 0 if it SUCCEEDED, 1 if not');
  targetOptions(waitOptions(runOptions(submit))).action(
    async (file: string, options: SubmitCommandOptions, command: Command) => {
      const { submitCommand } = await import('./submit.js');
      setStatus(await submitCommand(file, options, context(command)));
    },
  );

  const job = (
    name: string,
    description: string,
    load: () => Promise<(job: string, o: JobCommandOptions, c: CommandContext) => Promise<number>>,
  ) =>
    targetOptions(
      program
        .command(name)
        .description(description)
        .argument('<job>', 'full job name, or ID with --project and --region (KFP: run ID)'),
    ).action(async (id: string, options: JobCommandOptions, command: Command) => {
      setStatus(await (await load())(id, options, context(command)));
    });
  job(
    'status',
    'show the state of a run and of its tasks',
    async () => (await import('./jobs.js')).statusCommand,
  );
  waitOptions(
    job(
      'wait',
      'follow a run until it ends; exit 0 if it SUCCEEDED, 1 if not',
      async () => (await import('./jobs.js')).waitCommand,
    ),
  );
  job('cancel', 'cancel a run', async () => (await import('./jobs.js')).cancelCommand);

  targetOptions(
    program
      .command('list')
      .description('list the newest runs')
      .option(
        '--filter <filter>',
        'Vertex AI list filter, e.g. \'display_name="churn" AND state="PIPELINE_STATE_RUNNING"\'',
      )
      .option('--limit <n>', 'at most this many (default 20)'),
  ).action(async (options: JobCommandOptions, command: Command) => {
    const { listCommand } = await import('./jobs.js');
    setStatus(await listCommand(options, context(command)));
  });

  const schedule = program
    .command('schedule')
    .description('recurring runs (Vertex AI schedules): create, list, pause, resume, delete');
  targetOptions(
    runOptions(
      schedule
        .command('create')
        .description('create a schedule that runs the pipeline on a cron expression')
        .argument(
          '<file>',
          'TypeScript/JavaScript module exporting the pipeline, or compiled IR (.yaml, .json)',
        )
        .requiredOption(
          '--cron <expression>',
          'five cron fields, optionally after TZ=<zone>, e.g. "TZ=Europe/Paris 0 6 * * 1"',
        )
        .option('--schedule-name <name>', 'display name of the schedule')
        .option('--max-concurrent-runs <n>', 'runs at the same time (default 1)')
        .option('--max-runs <n>', 'stop after this many runs')
        .option('--start-time <time>', 'first possible run (ISO 8601)')
        .option('--end-time <time>', 'last possible run (ISO 8601)')
        .option('--allow-queueing', 'queue runs beyond the concurrency limit instead of skipping them'),
    ),
    false,
  ).action(async (file: string, options: ScheduleCreateOptions, command: Command) => {
    const { scheduleCreateCommand } = await import('./schedule.js');
    setStatus(await scheduleCreateCommand(file, options, context(command)));
  });
  targetOptions(
    schedule
      .command('list')
      .description('list schedules')
      .option('--filter <filter>', 'Vertex AI list filter')
      .option('--limit <n>', 'at most this many (default 50)'),
    false,
  ).action(async (options: ScheduleCommandOptions, command: Command) => {
    const { scheduleListCommand } = await import('./schedule.js');
    setStatus(await scheduleListCommand(options, context(command)));
  });
  for (const action of ['pause', 'resume', 'delete'] as const) {
    targetOptions(
      schedule
        .command(action)
        .description(`${action} a schedule`)
        .argument('<schedule>', 'full schedule name, or ID with --project and --region'),
      false,
    ).action(async (id: string, options: ScheduleCommandOptions, command: Command) => {
      const { scheduleActionCommand } = await import('./schedule.js');
      setStatus(await scheduleActionCommand(action, id, options, context(command)));
    });
  }
}
