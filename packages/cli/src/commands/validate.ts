import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { type Issue, validatePipelineSpec, validatePlatformSpec } from '@kfp-ts/schemas';
import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { ExitCode, UsageError } from '../errors.js';
import { displayPath } from '../paths.js';
import { type Position, positionOfPath } from '../yaml-locations.js';
import type { CommandContext } from './context.js';

/** One line of the report. */
interface Finding extends Position {
  text: string;
}

/**
 * `kfp-ts validate <file.yaml>`: checks a compiled pipeline against the KFP IR schema and its
 * cross-references, and prints every problem as `<file>:<line>:<col> <path>: <message>` (the
 * format editors and CI annotators link). Exit 0 when valid, 1 when not.
 */
export async function validateCommand(file: string, { io }: CommandContext): Promise<number> {
  const source = path.resolve(io.cwd, file);
  const shown = displayPath(source, io.cwd);
  const text = await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'not a file' : error.message;
    throw new UsageError(`${shown}: ${reason}.`, { cause: error });
  });

  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter });
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  const syntaxErrors = docs.flatMap((doc) => doc.errors);
  if (syntaxErrors.length > 0) {
    const findings = syntaxErrors.map((error) => {
      const [line, col] = [error.linePos?.[0]?.line ?? 1, error.linePos?.[0]?.col ?? 1];
      return { line, col, text: `YAML syntax error: ${yamlMessage(error.message)}` };
    });
    return report(findings, shown, io, 'YAML syntax error');
  }

  const [pipelineDoc, platformDoc, ...extra] = docs;
  const findings: Finding[] = [];
  const addIssues = (doc: Document | undefined, issues: readonly Issue[]) => {
    for (const issue of issues) {
      const position = doc ? positionOfPath(doc, issue.path, lineCounter) : { line: 1, col: 1 };
      findings.push({ ...position, text: `${issue.pathText}: ${issue.message}` });
    }
  };
  const result = validatePipelineSpec(pipelineDoc?.toJS() ?? null);
  if (!result.ok) addIssues(pipelineDoc, result.issues);
  if (platformDoc) {
    const platform = validatePlatformSpec(platformDoc.toJS());
    if (!platform.ok)
      addIssues(
        platformDoc,
        platform.issues.map((i) => ({ ...i, pathText: `(platform spec) ${i.pathText}` })),
      );
  }
  for (const doc of extra) {
    findings.push({
      ...positionOfPath(doc, [], lineCounter),
      text: 'unexpected document: a compiled pipeline has at most two (PipelineSpec, PlatformSpec)',
    });
  }
  if (!result.ok || findings.length > 0) return report(findings, shown, io, 'problem');

  const spec = result.spec;
  const components = Object.keys(spec.components ?? {}).length;
  const executors = Object.keys(spec.deploymentSpec?.executors ?? {}).length;
  const tasks = Object.keys(spec.root.dag?.tasks ?? {}).length;
  io.stdout(
    `${shown}: OK: pipeline '${spec.pipelineInfo.name}' (schemaVersion ${spec.schemaVersion}, ` +
      `${count(components, 'component')}, ${count(executors, 'executor')}, ${count(tasks, 'root task')})\n`,
  );
  return ExitCode.ok;
}

function report(findings: Finding[], shown: string, io: CommandContext['io'], noun: string): number {
  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  for (const finding of findings) io.stdout(`${shown}:${finding.line}:${finding.col} ${finding.text}\n`);
  io.stdout(`${shown}: ${count(findings.length, noun)}\n`);
  return ExitCode.invalid;
}

/** The yaml package's message without its code frame and position (the report prints its own). */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
