// DagSpec: the body of a pipeline or of a control-flow group (condition, loop, exit handler): its
// tasks, and which task outputs it exposes as the DAG component's own outputs.
import { z } from 'zod';
import { PipelineTaskSpecSchema } from './task-spec.js';
import { oneOf, strictObject } from './zod-helpers.js';

/** `DagOutputsSpec.ParameterSelectorSpec`: an output parameter of one task of this DAG. */
export const ParameterSelectorSchema = strictObject({
  producerSubtask: z.string().describe('Key of a task in this DAG.'),
  outputParameterKey: z.string().describe('Name of an output parameter of that task.'),
}).meta({ id: 'ParameterSelector' });
export type ParameterSelector = z.infer<typeof ParameterSelectorSchema>;

/** `DagOutputsSpec.DagOutputParameterSpec`: one selector, or several for dsl.OneOf (the branch that ran wins). */
export const DagOutputParameterSpecSchema = oneOf(
  strictObject({
    valueFromParameter: ParameterSelectorSchema.optional(),
    valueFromOneof: strictObject({
      parameterSelectors: z.array(ParameterSelectorSchema),
    }).optional(),
  }),
  ['valueFromParameter', 'valueFromOneof'],
  { required: true },
).meta({ id: 'DagOutputParameterSpec' });
export type DagOutputParameterSpec = z.infer<typeof DagOutputParameterSpecSchema>;

/** `DagOutputsSpec.ArtifactSelectorSpec`: an output artifact of one task of this DAG. */
export const ArtifactSelectorSchema = strictObject({
  producerSubtask: z.string().describe('Key of a task in this DAG.'),
  outputArtifactKey: z.string().describe('Name of an output artifact of that task.'),
}).meta({ id: 'ArtifactSelector' });
export type ArtifactSelector = z.infer<typeof ArtifactSelectorSchema>;

/** `DagOutputsSpec.DagOutputArtifactSpec`: one selector normally, one per branch for dsl.OneOf. */
export const DagOutputArtifactSpecSchema = strictObject({
  artifactSelectors: z.array(ArtifactSelectorSchema),
}).meta({ id: 'DagOutputArtifactSpec' });
export type DagOutputArtifactSpec = z.infer<typeof DagOutputArtifactSpecSchema>;

/** `DagOutputsSpec`: the DAG component's outputs, keyed by the names in its outputDefinitions. */
export const DagOutputsSpecSchema = strictObject({
  parameters: z.record(z.string(), DagOutputParameterSpecSchema).optional(),
  artifacts: z.record(z.string(), DagOutputArtifactSpecSchema).optional(),
}).meta({ id: 'DagOutputsSpec' });
export type DagOutputsSpec = z.infer<typeof DagOutputsSpecSchema>;

/** `DagSpec`: tasks keyed by task name, plus the DAG's outputs. */
export const DagSpecSchema = strictObject({
  tasks: z.record(z.string(), PipelineTaskSpecSchema).optional(),
  outputs: DagOutputsSpecSchema.optional(),
}).meta({ id: 'DagSpec' });
export type DagSpec = z.infer<typeof DagSpecSchema>;
