/**
 * Loading published KFP components: a KFP v1 `component.yaml`, or the IR YAML of a compiled
 * component or pipeline. The result is called in a pipeline body like any kfp-ts component:
 *
 * ```ts
 * const trainer = loadComponentFromFile('./fancy_trainer_component.yaml');
 * pipeline({ name: 'p' }, () => { trainer({ examples: ingest.outputs.examples, ... }); });
 * ```
 *
 * Which format a file is follows KFP: a document with `implementation` is a v1 component;
 * one with `pipelineInfo`/`root` is IR. Every problem is a PipelineDefinitionError that names
 * the file, the line and column, and the path inside the document.
 */
import { readFileSync } from 'node:fs';
import type { Component, ContainerComponentDefinition, IOSpecs, IrPipelineDefinition } from '@kfp-ts/dsl';
import { componentFromDefinition, PipelineDefinitionError } from '@kfp-ts/dsl';
import { validatePipelineSpec, validateV1Component } from '@kfp-ts/schemas';
import { irDefinition } from './ir-component.js';
import { type DocumentPath, fail, LoadIssue, LoadIssueList, loadError } from './load-issues.js';
import { irSchemaProblems, v1SchemaProblems } from './schema-issues.js';
import { v1ComponentDefinition } from './v1-component.js';
import { headerDescription, parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadComponentOptions {
  /** Names the text in error messages (a file name, a URL); `component text` when not given. */
  readonly source?: string;
}

/** What the loaders return: a component whose inputs and outputs are known only at run time. */
export type LoadedComponent = Component<
  IOSpecs,
  IOSpecs,
  ContainerComponentDefinition | IrPipelineDefinition
>;

/** Loads a component from the text of a KFP v1 component.yaml or of compiled KFP IR YAML. */
export function loadComponentFromText(text: string, options: LoadComponentOptions = {}): LoadedComponent {
  const source = options.source ?? 'component text';
  let yaml: YamlSource | undefined;
  try {
    yaml = parseYamlSource(text);
    const definition = definitionFrom(yaml, text);
    try {
      return componentFromDefinition(definition);
    } catch (error) {
      // The DSL checks names and declarations with TypeErrors; here they are problems of the file.
      if (error instanceof TypeError) fail([], error.message);
      throw error;
    }
  } catch (error) {
    const positionOf = (path: DocumentPath) => yaml?.positionOf(path);
    if (error instanceof LoadIssue) throw loadError(source, [error], positionOf);
    if (error instanceof LoadIssueList) throw loadError(source, error.issues, positionOf);
    throw error;
  }
}

/** Reads and loads a component file (see `loadComponentFromText`); errors name the file as given. */
export function loadComponentFromFile(path: string): LoadedComponent {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new PipelineDefinitionError(`cannot read the component file: ${reason}`, {
      where: path,
      cause: error,
    });
  }
  return loadComponentFromText(text, { source: path });
}

type Format = 'v1' | 'ir';

/** Keys only a compiled IR document has at its top. */
const IR_KEYS = ['pipelineInfo', 'root', 'deploymentSpec', 'components', 'schemaVersion', 'sdkVersion'];
/** Keys of a v1 component besides `implementation`, so that one without it is still recognised. */
const V1_KEYS = ['name', 'description', 'inputs', 'outputs', 'metadata', 'version'];

function formatOf(document: unknown): Format {
  if (document === null || document === undefined) {
    return fail([], 'the document is empty; expected a KFP v1 component.yaml or compiled KFP IR YAML');
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    return fail(
      [],
      `expected a mapping at the top of the document, but got ${Array.isArray(document) ? 'a list' : `a ${typeof document}`}`,
    );
  }
  const keys = Object.keys(document);
  if (keys.includes('implementation')) return 'v1';
  if (keys.some((key) => IR_KEYS.includes(key))) return 'ir';
  if (keys.some((key) => V1_KEYS.includes(key))) return 'v1';
  return fail(
    [],
    'this is neither a KFP v1 component (it has no implementation) nor compiled KFP IR (it has no pipelineInfo and root)',
  );
}

function definitionFrom(yaml: YamlSource, text: string): ContainerComponentDefinition | IrPipelineDefinition {
  const [first, second, ...rest] = yaml.documents;
  const format = formatOf(first);
  if (format === 'v1') {
    if (yaml.documents.length > 1) {
      throw new LoadIssue(
        [],
        'a v1 component file holds one YAML document, but this one holds more',
        yaml.positionOf([], 1),
      );
    }
    const result = validateV1Component(first);
    if (!result.ok) throw new LoadIssueList(v1SchemaProblems(first, result.issues));
    return v1ComponentDefinition(result.value);
  }
  if (rest.length) {
    throw new LoadIssue(
      [],
      'an IR file holds at most two YAML documents (the pipeline and its platform spec)',
      yaml.positionOf([], 2),
    );
  }
  if (hasContent(second)) {
    // kfp-ts compiles no platform spec, so its Kubernetes settings (secrets, volumes...) would be lost.
    throw new LoadIssue(
      [],
      'the platform spec (the second YAML document: Kubernetes settings) is not supported by kfp-ts',
      yaml.positionOf([], 1),
    );
  }
  const result = validatePipelineSpec(first);
  if (!result.ok) throw new LoadIssueList(irSchemaProblems(result.issues));
  return irDefinition(result.spec, first as Record<string, unknown>, headerDescription(text));
}

/** Whether a (platform spec) document sets anything: a scalar somewhere, not just empty maps. */
function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'object') return true;
  return Object.values(value).some(hasContent);
}
