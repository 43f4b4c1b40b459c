/**
 * Vertex AI resource names: `projects/P/locations/L`, `.../pipelineJobs/ID`, `.../schedules/ID`,
 * and the console page of a job. Commands accept a job either as its full name or as an ID with
 * the project and region given separately.
 */
import { usageError } from './errors.js';

export interface Location {
  readonly project: string;
  readonly region: string;
}

export function locationPath({ project, region }: Location): string {
  return `projects/${project}/locations/${region}`;
}

export function pipelineJobName(location: Location, jobId: string): string {
  return `${locationPath(location)}/pipelineJobs/${jobId}`;
}

export function scheduleName(location: Location, scheduleId: string): string {
  return `${locationPath(location)}/schedules/${scheduleId}`;
}

const FULL_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/(pipelineJobs|schedules)\/([^/]+)$/;

export interface ParsedName extends Location {
  readonly id: string;
  readonly name: string;
}

/**
 * A job (or schedule) named in full, or by ID with `location` giving the project and region.
 * A full name wins over the location (it says where the job is).
 */
export function resolveResourceName(
  reference: string,
  collection: 'pipelineJobs' | 'schedules',
  location: Partial<Location>,
): ParsedName {
  const match = FULL_NAME.exec(reference);
  if (match) {
    if (match[3] !== collection) {
      throw usageError(
        `'${reference}' names a ${match[3] === 'schedules' ? 'schedule' : 'pipeline job'}, not a ${collection === 'schedules' ? 'schedule' : 'pipeline job'}.`,
      );
    }
    return { project: match[1]!, region: match[2]!, id: match[4]!, name: reference };
  }
  if (reference.includes('/')) {
    throw usageError(
      `'${reference}' is neither an ID nor a full name (projects/P/locations/R/${collection}/ID).`,
    );
  }
  const { project, region } = location;
  if (!project || !region) {
    const missing = [!project && 'project', !region && 'region'].filter(Boolean).join(' and ');
    throw usageError(
      `'${reference}' is an ID, so the ${missing} must be given too (or give the full name projects/P/locations/R/${collection}/ID).`,
    );
  }
  const name = `${locationPath({ project, region })}/${collection}/${reference}`;
  return { project, region, id: reference, name };
}

/** The Google Cloud console page of a pipeline run. */
export function consoleUrl(location: Location, jobId: string): string {
  return `https://console.cloud.google.com/vertex-ai/locations/${encodeURIComponent(location.region)}/pipelines/runs/${encodeURIComponent(jobId)}?project=${encodeURIComponent(location.project)}`;
}
