import { describe, expect, it } from 'vitest';
import { checkJobId, defaultJobId, JOB_ID_PATTERN } from './job-id.js';

const when = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));

describe('job IDs', () => {
  it('defaults to <pipeline-name>-<yyyymmddhhmmss> in UTC', () => {
    expect(defaultJobId('churn', when)).toBe('churn-20250102030405');
  });

  it('makes any pipeline name fit the [a-z0-9-] rule, starting with a letter', () => {
    expect(defaultJobId('My_Pipeline v2', when)).toBe('my-pipeline-v2-20250102030405');
    expect(defaultJobId('2-step', when)).toBe('p-2-step-20250102030405');
  });

  it('stays within 128 characters for long names', () => {
    const id = defaultJobId('a'.repeat(300), when);
    expect(id).toHaveLength(128);
    expect(id).toMatch(JOB_ID_PATTERN);
    expect(id.endsWith('-20250102030405')).toBe(true);
  });

  it('checks a given ID', () => {
    expect(checkJobId('my-run-1')).toBe('my-run-1');
    expect(() => checkJobId('My_Run')).toThrow(/job ID 'My_Run' is not valid/);
    expect(() => checkJobId(`a${'b'.repeat(128)}`)).toThrow(/at most 128/);
  });
});
