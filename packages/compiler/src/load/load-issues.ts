/**
 * Problems found while loading a component file. The conversion code throws them with the path
 * of the offending value inside the document; the loader turns them into one
 * PipelineDefinitionError that names the file, the line and column, and that path.
 */
import { PipelineDefinitionError } from '@kfp-ts/dsl';
import { formatPath } from '@kfp-ts/schemas';

/** Keys and list indices from the document root, as the schema validators report them. */
export type DocumentPath = readonly (string | number)[];

/** One problem at one place of a loaded document. */
export class LoadIssue extends Error {
  constructor(
    readonly path: DocumentPath,
    message: string,
    /** Known when the problem is in the YAML text itself rather than in a value. */
    readonly position?: { line: number; col: number },
  ) {
    super(message);
    this.name = 'LoadIssue';
  }
}

/** Several problems found together (by a schema validator). */
export class LoadIssueList extends Error {
  constructor(readonly issues: readonly LoadIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'LoadIssueList';
  }
}

/** Throws a LoadIssue: a problem with the value at `path`. */
export function fail(path: DocumentPath, message: string): never {
  throw new LoadIssue(path, message);
}

/** How many problems one error lists before it says how many more there are. */
const MAX_LISTED = 20;

/**
 * One error for every problem: `file:12:7: implementation.container.args[3]: message` when there is
 * one, the file and a count followed by one such line per problem otherwise.
 */
export function loadError(
  source: string,
  issues: readonly LoadIssue[],
  positionOf: (path: DocumentPath) => { line: number; col: number } | undefined,
): PipelineDefinitionError {
  const lines = issues.map((issue) => {
    const position = issue.position ?? positionOf(issue.path);
    const where = position ? `${source}:${position.line}:${position.col}` : source;
    const message = issue.path.length ? `${formatPath([...issue.path])}: ${issue.message}` : issue.message;
    return { where, message };
  });
  if (lines.length === 1) return new PipelineDefinitionError(lines[0]!.message, { where: lines[0]!.where });
  const listed = lines.slice(0, MAX_LISTED).map((line) => `  ${line.where}: ${line.message}`);
  if (lines.length > MAX_LISTED) listed.push(`  ... and ${lines.length - MAX_LISTED} more`);
  return new PipelineDefinitionError(`${lines.length} problems:\n${listed.join('\n')}`, { where: source });
}
