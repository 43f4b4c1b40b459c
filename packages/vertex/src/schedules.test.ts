import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPipeline } from './__fixtures__/small-pipeline.js';
import type { ScheduleServiceLike } from './client-types.js';
import { createScheduleServiceClient } from './clients.js';
import {
  checkCron,
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
} from './schedules.js';
import { fromProtoStruct } from './struct.js';
import { VertexStandIn } from './testing/vertex-stand-in.js';

const where = { project: 'test-project', region: 'us-central1' };
let vertex: VertexStandIn;
let client: ScheduleServiceLike;

beforeAll(async () => {
  vertex = await VertexStandIn.start();
  client = await createScheduleServiceClient({ region: where.region, apiEndpoint: vertex.endpoint });
});
afterAll(async () => {
  await client?.close();
  await vertex?.close();
});

describe('schedules against the ScheduleService stand-in', () => {
  it('creates a schedule whose request is the run submit would create', async () => {
    const created = await createSchedule({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'gs://bucket/d.csv' },
      cron: 'TZ=America/New_York 0 9 * * 1-5',
      maxConcurrentRunCount: 2,
      maxRunCount: 10,
      labels: { team: 'ml' },
    });
    expect(created).toMatchObject({
      cron: 'TZ=America/New_York 0 9 * * 1-5',
      state: 'ACTIVE',
      maxConcurrentRunCount: 2,
    });
    expect(created.displayName).toBe('small-pipeline (schedule)');
    const request = vertex.callsOf('CreateSchedule').at(-1)!.request;
    const job = request.schedule.createPipelineJobRequest.pipelineJob;
    expect(fromProtoStruct(job.pipelineSpec).pipelineInfo).toEqual({ name: 'small-pipeline' });
    expect(job.runtimeConfig.gcsOutputDirectory).toBe('gs://bucket/r');
    expect(job.labels).toEqual({ team: 'ml' });
    expect(request.schedule.maxRunCount).toBe('10');
  });

  it('lists, pauses, resumes and deletes, by ID or full name', async () => {
    const created = await createSchedule({
      ...where,
      client,
      pipeline: smallPipeline,
      pipelineRoot: 'gs://bucket/r',
      parameterValues: { data_uri: 'x' },
      cron: '*/30 * * * *',
      scheduleDisplayName: 'half-hourly',
    });
    const listed = await listSchedules({ ...where, client });
    expect(listed.map((s) => s.displayName)).toContain('half-hourly');
    expect((await pauseSchedule({ ...where, client, schedule: created.scheduleId })).state).toBe('PAUSED');
    await expect(pauseSchedule({ ...where, client, schedule: created.scheduleId })).rejects.toThrow(
      /pausing schedule .* failed: FAILED_PRECONDITION: .* is PAUSED, not ACTIVE/,
    );
    expect((await resumeSchedule({ client, schedule: created.name })).state).toBe('ACTIVE');
    expect(await deleteSchedule({ client, schedule: created.name })).toEqual({
      name: created.name,
      deleted: true,
    });
    await expect(getSchedule({ client, schedule: created.name })).rejects.toThrow(/NOT_FOUND/);
  });

  it('checks the cron expression before any call', () => {
    expect(checkCron(' 0 6 * * 1 ')).toBe('0 6 * * 1');
    expect(checkCron('CRON_TZ=UTC 0 0 1 * *')).toBe('CRON_TZ=UTC 0 0 1 * *');
    expect(() => checkCron('every day')).toThrow(/is not a cron expression/);
    expect(() => checkCron('0 6 * * * *')).toThrow(/five fields/);
  });
});
