// The validators: parse a document against its schema and, for pipelines, check the references the
// schema cannot see. They never throw; they return the value or every problem found.
import type { z } from 'zod';
import {
  type ExecutorInput,
  ExecutorInputSchema,
  type ExecutorOutput,
  ExecutorOutputSchema,
} from './executor-io.js';
import { type Issue, issuesFromZodError, readableErrorMap, sortIssues } from './issues.js';
import { type PipelineSpec, PipelineSpecSchema } from './pipeline-spec.js';
import { type PlatformSpec, PlatformSpecSchema } from './platform-spec.js';
import { checkPipelineReferences } from './reference-checks.js';
import { type V1ComponentSpec, V1ComponentSpecSchema } from './v1-component.js';

export type { Issue } from './issues.js';

/** The outcome of `validatePipelineSpec`: the typed spec, or every problem found (never an empty list). */
export type ValidationResult = { ok: true; spec: PipelineSpec } | { ok: false; issues: Issue[] };

/** The outcome of the other validators: the typed document, or every problem found (never an empty list). */
export type DocumentValidationResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

function schemaIssues<T>(schema: z.ZodType<T>, doc: unknown): { value?: T; issues: Issue[] } {
  const result = schema.safeParse(doc, { error: readableErrorMap, reportInput: true });
  return result.success
    ? { value: result.data, issues: [] }
    : { issues: sortIssues(issuesFromZodError(result.error)) };
}

function validateWith<T>(schema: z.ZodType<T>, doc: unknown): DocumentValidationResult<T> {
  const { value, issues } = schemaIssues(schema, doc);
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
}

/**
 * Validates a parsed PipelineSpec document (the first YAML document of a compiled pipeline): the
 * strict schema, then cross-references (components, executors, tasks, inputs and outputs must
 * resolve). Reports all problems, not just the first.
 */
export function validatePipelineSpec(doc: unknown): ValidationResult {
  const { value, issues } = schemaIssues(PipelineSpecSchema, doc);
  const all = sortIssues([...issues, ...checkPipelineReferences(doc)]);
  return all.length === 0 ? { ok: true, spec: value as PipelineSpec } : { ok: false, issues: all };
}

/** Validates the optional second YAML document of a compiled pipeline. */
export function validatePlatformSpec(doc: unknown): DocumentValidationResult<PlatformSpec> {
  return validateWith(PlatformSpecSchema, doc);
}

/** Validates the JSON a component receives through `--executor_input`. */
export function validateExecutorInput(doc: unknown): DocumentValidationResult<ExecutorInput> {
  return validateWith(ExecutorInputSchema, doc);
}

/** Validates the JSON a component writes to `outputs.outputFile`. */
export function validateExecutorOutput(doc: unknown): DocumentValidationResult<ExecutorOutput> {
  return validateWith(ExecutorOutputSchema, doc);
}

/** Validates a parsed KFP v1 `component.yaml` document. */
export function validateV1Component(doc: unknown): DocumentValidationResult<V1ComponentSpec> {
  return validateWith(V1ComponentSpecSchema, doc);
}
