// TEMPORARY stand-in written by the lead so the compiler can be tested; the YAML-emitter
// engineer replaces this whole file with the real header implementation.
import { emitKfpYaml } from './emit.js';

export function pipelineHeader(spec: { pipelineInfo: { name: string } }): string {
  return `# PIPELINE DEFINITION\n# Name: ${spec.pipelineInfo.name}\n`;
}

export function toKfpYaml(spec: any): string {
  return pipelineHeader(spec) + emitKfpYaml(spec);
}
