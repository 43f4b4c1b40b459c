/**
 * The comment header KFP's compiler writes before the YAML document
 * (`extract_comments_from_pipeline_spec` in kfp/compiler/pipeline_spec_builder.py):
 *
 * ```
 * # PIPELINE DEFINITION
 * # Name: <pipelineInfo.name>
 * # Description: <first line>
 * #              <further lines>
 * # Inputs:
 * #    <name>: <type> [Default: <value>]
 * # Outputs:
 * #    <name>: <type>
 * ```
 */

import { compareCodePoints } from './code-point-order.js';
import { emitKfpYamlDocuments } from './emit.js';
import { pythonStr } from './python-repr.js';

/** `type_utils.IR_TYPE_TO_COMMENT_TYPE_STRING`: the word shown for each IR parameter type. */
export const PARAMETER_TYPE_COMMENT_NAMES: Readonly<Record<string, string>> = {
  STRING: 'str',
  NUMBER_INTEGER: 'int',
  NUMBER_DOUBLE: 'float',
  LIST: 'list',
  STRUCT: 'dict',
  BOOLEAN: 'bool',
  TASK_FINAL_STATUS: 'PipelineTaskFinalStatus',
  TASK_CONFIG: 'TaskConfig',
};

/** Continuation lines of a multi-line description line up under the text after `# Description: `. */
const DESCRIPTION_CONTINUATION = '#              ';

/**
 * The header for a PipelineSpec in proto3 JSON form (as a plain object), ending with a newline.
 *
 * - `# Description:` appears only for a non-empty `pipelineInfo.description`, split into lines like
 *   Python's `str.splitlines()`.
 * - `# Inputs:` / `# Outputs:` appear whenever `root.inputDefinitions` / `root.outputDefinitions`
 *   exist; parameters and artifacts are merged and sorted by name. A parameter shows its type word
 *   and, when it has one, its default: strings as `'text'` (quoted, not escaped), anything else as
 *   Python's `str()` (`2.0`, `True`, `['a', 'b']`, `{'A': 1.0}`). An artifact shows its `schemaTitle`.
 *
 * Throws where KFP would fail with a `KeyError`: a missing name, parameter type or schema title.
 */
export function pipelineHeader(spec: unknown): string {
  const pipelineInfo = field(spec, 'pipelineInfo');
  const name = field(pipelineInfo, 'name');
  if (typeof name !== 'string') throw new Error('pipelineHeader: pipelineInfo.name must be a string');

  const lines = ['# PIPELINE DEFINITION', `# Name: ${name}`];
  const description = field(pipelineInfo, 'description');
  if (typeof description === 'string' && description !== '') {
    lines.push(`# Description: ${pythonSplitLines(description).join(`\n${DESCRIPTION_CONTINUATION}`)}`);
  }
  const root = field(spec, 'root');
  lines.push(...signatureLines(field(root, 'inputDefinitions'), '# Inputs:'));
  lines.push(...signatureLines(field(root, 'outputDefinitions'), '# Outputs:'));
  return `${lines.join('\n')}\n`;
}

/**
 * The full text of a compiled pipeline file: the header, then the PipelineSpec document, then (as
 * KFP does when platform features are used) a second document with the PlatformSpec if it has any
 * `platforms`.
 */
export function toKfpYaml(spec: unknown, platformSpec?: unknown): string {
  const platforms = field(platformSpec, 'platforms');
  const hasPlatforms = isRecord(platforms) && Object.keys(platforms).length > 0;
  return pipelineHeader(spec) + emitKfpYamlDocuments(hasPlatforms ? [spec, platformSpec] : [spec]);
}

interface SignatureEntry {
  readonly name: string;
  readonly text: string;
}

function signatureLines(definitions: unknown, heading: string): string[] {
  if (definitions === undefined) return [];
  const entries: SignatureEntry[] = [];
  for (const [name, parameter] of Object.entries(recordField(definitions, 'parameters'))) {
    const parameterType = field(parameter, 'parameterType');
    const typeName =
      typeof parameterType === 'string' ? PARAMETER_TYPE_COMMENT_NAMES[parameterType] : undefined;
    if (typeName === undefined) {
      throw new Error(
        `pipelineHeader: parameter ${name} has no known parameterType (${String(parameterType)})`,
      );
    }
    const defaultValue = field(parameter, 'defaultValue');
    const suffix = defaultValue === undefined ? '' : ` [Default: ${formatDefault(defaultValue)}]`;
    entries.push({ name, text: `#    ${name}: ${typeName}${suffix}` });
  }
  for (const [name, artifact] of Object.entries(recordField(definitions, 'artifacts'))) {
    const schemaTitle = field(field(artifact, 'artifactType'), 'schemaTitle');
    if (typeof schemaTitle !== 'string')
      throw new Error(`pipelineHeader: artifact ${name} has no schemaTitle`);
    entries.push({ name, text: `#    ${name}: ${schemaTitle}` });
  }
  entries.sort((a, b) => compareCodePoints(a.name, b.name));
  return [heading, ...entries.map((entry) => entry.text)];
}

/**
 * KFP wraps a string default in quotes without escaping it and prints other defaults with `str()`.
 * A line break inside a string default would end the comment line and leave the rest of the text
 * outside it, which breaks the file (KFP really writes that); we continue the comment instead.
 */
function formatDefault(value: unknown): string {
  if (typeof value !== 'string') return pythonStr(value);
  return `'${value.split(YAML_LINE_BREAK).join(`\n${DESCRIPTION_CONTINUATION}`)}'`;
}

/** Characters a YAML reader treats as the end of a comment line (CRLF counts once). */
const YAML_LINE_BREAK = /\r\n|[\n\r\x85\u2028\u2029]/;

/** The line boundaries of Python's `str.splitlines()` (besides `\r\n`, which counts once). */
const PYTHON_LINE_BOUNDARIES = new Set([
  '\n',
  '\r',
  '\v',
  '\f',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x85',
  '\u2028',
  '\u2029',
]);

/** Python `str.splitlines()`: splits at every line boundary; a final boundary ends the last line. */
function pythonSplitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!PYTHON_LINE_BOUNDARIES.has(text[i] as string)) continue;
    lines.push(text.slice(start, i));
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function recordField(value: unknown, key: string): Record<string, unknown> {
  const result = field(value, key);
  return isRecord(result) ? result : {};
}
