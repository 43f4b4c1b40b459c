import { describe, expect, it } from 'vitest';
import { consoleUrl, resolveResourceName } from './resource-names.js';

describe('resource names', () => {
  it('takes a full job name as is, wherever it points', () => {
    expect(
      resolveResourceName('projects/p1/locations/europe-west4/pipelineJobs/j1', 'pipelineJobs', {
        project: 'other',
        region: 'us-central1',
      }),
    ).toEqual({
      project: 'p1',
      region: 'europe-west4',
      id: 'j1',
      name: 'projects/p1/locations/europe-west4/pipelineJobs/j1',
    });
  });

  it('builds the name of an ID from the project and region', () => {
    expect(resolveResourceName('j1', 'pipelineJobs', { project: 'p', region: 'r' }).name).toBe(
      'projects/p/locations/r/pipelineJobs/j1',
    );
  });

  it('says what is missing for an ID', () => {
    expect(() => resolveResourceName('j1', 'pipelineJobs', { project: 'p' })).toThrow(
      /'j1' is an ID, so the region must be given too/,
    );
    expect(() => resolveResourceName('j1', 'pipelineJobs', {})).toThrow(/project and region/);
  });

  it('refuses a schedule where a job is expected', () => {
    expect(() => resolveResourceName('projects/p/locations/r/schedules/1', 'pipelineJobs', {})).toThrow(
      /names a schedule, not a pipeline job/,
    );
  });

  it('links the console page of a run', () => {
    expect(consoleUrl({ project: 'my-proj', region: 'us-central1' }, 'churn-1')).toBe(
      'https://console.cloud.google.com/vertex-ai/locations/us-central1/pipelines/runs/churn-1?project=my-proj',
    );
  });
});
