/**
 * YAML output identical to KFP's Python compiler (PyYAML `dump_all(..., sort_keys=True)` plus the
 * `# PIPELINE DEFINITION` comment header).
 */
export type { EmitOptions } from './emit.js';
export { emitKfpYaml, emitKfpYamlDocuments, INT32_FIELDS } from './emit.js';
export { PARAMETER_TYPE_COMMENT_NAMES, pipelineHeader, toKfpYaml } from './header.js';
