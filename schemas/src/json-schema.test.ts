import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas } from './index.js';

type Schema = { [key: string]: unknown };

function refsIn(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, refs);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') refs.push(item);
      else refsIn(item, refs);
    }
  }
  return refs;
}

describe('buildJsonSchemas', () => {
  const files = buildJsonSchemas();
  const byName = new Map(files.map((file) => [file.fileName, file.schema]));
  const pipelineSpec = byName.get('pipeline-spec.schema.json') as Schema;

  it('produces the documented files, each with a header', () => {
    expect(files.map((file) => file.fileName)).toEqual([
      'pipeline-spec.schema.json',
      'platform-spec.schema.json',
      'executor-input.schema.json',
      'executor-output.schema.json',
      'v1-component.schema.json',
    ]);
    for (const { fileName, schema } of files) {
      expect(Object.keys(schema).slice(0, 4), fileName).toEqual(['$schema', '$id', 'title', 'description']);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.$id).toBe(`urn:kfp-ts:schemas:${fileName.replace('.schema.json', '')}`);
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildJsonSchemas())).toBe(JSON.stringify(files));
  });

  it('has no dangling references', () => {
    for (const { fileName, schema } of files) {
      const definitions = Object.keys((schema.definitions as Schema) ?? {});
      for (const ref of refsIn(schema)) {
        expect(definitions, `${fileName}: ${ref}`).toContain(ref.replace('#/definitions/', ''));
      }
    }
  });

  it('describes the pipeline document strictly, with the proto oneofs', () => {
    expect(pipelineSpec.additionalProperties).toBe(false);
    expect(pipelineSpec.required).toEqual(['pipelineInfo', 'root', 'schemaVersion']);
    const definitions = pipelineSpec.definitions as Record<string, Schema>;
    expect(definitions.ComponentSpec?.oneOf).toEqual([
      { required: ['dag'] },
      { required: ['executorLabel'] },
    ]);
    expect(definitions.PipelineTaskSpec?.additionalProperties).toBe(false);
    expect(definitions.Duration?.pattern).toBe('^-?\\d+(\\.\\d{1,9})?s$');
    // A JSON value is "anything", not zod's recursive union.
    expect(definitions.JsonValue).toEqual({ description: 'Any JSON value (google.protobuf.Value).' });
  });

  it('matches the checked-in files (run `node --import tsx scripts/gen-json-schema.ts` to update)', () => {
    for (const { fileName, schema } of files) {
      const checkedIn = readFileSync(new URL(`../json/${fileName}`, import.meta.url), 'utf8');
      expect(checkedIn, fileName).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    }
  });
});
