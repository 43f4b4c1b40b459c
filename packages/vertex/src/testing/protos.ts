/**
 * The service definitions of the stand-in, loaded from the very .proto files that ship inside
 * @google-cloud/aiplatform (their google/api, rpc, longrunning and protobuf imports come from
 * google-gax's copy), so the stand-in speaks exactly the protocol of the client under test.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { grpc as GrpcTypes } from 'google-gax';

const require = createRequire(import.meta.url);

type Gax = typeof import('google-gax');
type ProtoLoader = typeof import('@grpc/proto-loader');

export const gax = require('google-gax') as Gax;
/** @grpc/grpc-js as google-gax loads it: one copy for the client and the server. */
export const grpc = gax.grpc;

export interface VertexServiceDefinitions {
  pipelineService: GrpcTypes.ServiceDefinition;
  scheduleService: GrpcTypes.ServiceDefinition;
}

let loaded: VertexServiceDefinitions | undefined;

export function vertexServiceDefinitions(): VertexServiceDefinitions {
  if (loaded) return loaded;
  const protoLoader = require('@grpc/proto-loader') as ProtoLoader;
  const aiplatformProtos = path.join(
    path.dirname(require.resolve('@google-cloud/aiplatform/package.json')),
    'build',
    'protos',
  );
  const gaxProtos = path.resolve(path.dirname(require.resolve('google-gax')), '..', 'protos');
  const definition = protoLoader.loadSync(
    [
      'google/cloud/aiplatform/v1/pipeline_service.proto',
      'google/cloud/aiplatform/v1/schedule_service.proto',
    ],
    {
      includeDirs: [aiplatformProtos, gaxProtos],
      // What the generated client uses too: camelCase fields, enum names, 64-bit ints as strings,
      // and the oneof name (`kind` of a Value) set on decoded messages.
      keepCase: false,
      longs: String,
      enums: String,
      defaults: false,
      oneofs: true,
    },
  );
  const root = grpc.loadPackageDefinition(definition) as unknown as {
    google: {
      cloud: {
        aiplatform: {
          v1: Record<string, { service: GrpcTypes.ServiceDefinition }>;
        };
      };
    };
  };
  const v1 = root.google.cloud.aiplatform.v1;
  loaded = { pipelineService: v1.PipelineService!.service, scheduleService: v1.ScheduleService!.service };
  return loaded;
}
