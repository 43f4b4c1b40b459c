import type { AnyRef, ParamRef, PipelineTask, TasksGroup } from '@kfp-ts/dsl';
import { isArtifactRef, isParamRef, isRef, PipelineDefinitionError, splitTemplate } from '@kfp-ts/dsl';
import type { TaskInputsSpec } from '@kfp-ts/schemas';
import type { Channel, ChannelTable } from './channels.js';
import { inputNameOf } from './channels.js';
import type { DagWiring, Wire } from './dag-wiring.js';

type Node = PipelineTask<any> | TasksGroup;
type ParameterInput = NonNullable<TaskInputsSpec['parameters']>[string];
type ArtifactInput = NonNullable<TaskInputsSpec['artifacts']>[string];

/** Collects the `inputs` of one task spec while wiring each value through the DAG. */
export class TaskInputsBuilder {
  readonly parameters: Record<string, ParameterInput> = {};
  readonly artifacts: Record<string, ArtifactInput> = {};

  constructor(
    private readonly consumer: Node,
    private readonly scope: TasksGroup,
    private readonly channels: ChannelTable,
    private readonly wiring: DagWiring,
    private readonly where: string,
  ) {}

  /** One argument: a reference, a template string with references, or a literal. */
  add(name: string, value: unknown): void {
    if (isArtifactRef(value)) {
      this.artifacts[name] = artifactInput(this.#read(this.channels.of(value)));
    } else if (isParamRef(value)) {
      this.parameters[name] = this.#parameterFromRef(value);
    } else if (typeof value === 'string') {
      this.parameters[name] = { runtimeValue: { constant: this.template(value) } };
    } else {
      if (containsRef(value)) {
        throw new PipelineDefinitionError(
          `input '${name}': references inside list or struct literals are not supported.`,
          {
            where: this.where,
          },
        );
      }
      this.parameters[name] = { runtimeValue: { constant: value as never } };
    }
  }

  /**
   * Replaces each reference inside a string by the placeholder of an injected
   * `pipelinechannel--*` input carrying it (KFP's f-string rule).
   */
  template(text: string): string {
    return splitTemplate(text)
      .map((part) => {
        if (typeof part === 'string') return part;
        const injected = this.inject(part);
        return `{{$.inputs.parameters['${injected}']}}`;
      })
      .join('');
  }

  /** Adds the `pipelinechannel--*` input carrying a reference and returns its name. */
  inject(ref: ParamRef): string {
    const name = inputNameOf(this.channels.of(ref));
    if (!(name in this.parameters)) this.parameters[name] = this.#parameterFromRef(ref);
    return name;
  }

  finalStatus(name: string, producer: Node): void {
    this.parameters[name] = { taskFinalStatus: { producerTask: producer.name } };
  }

  spec(): TaskInputsSpec | undefined {
    const out: Record<string, unknown> = {};
    if (Object.keys(this.parameters).length) out.parameters = this.parameters;
    if (Object.keys(this.artifacts).length) out.artifacts = this.artifacts;
    return Object.keys(out).length ? (out as TaskInputsSpec) : undefined;
  }

  #read(channel: Channel): Wire {
    return this.wiring.read(this.scope, channel, this.consumer);
  }

  #parameterFromRef(ref: ParamRef): ParameterInput {
    return parameterInput(this.#read(this.channels.of(ref)));
  }
}

export function parameterInput(wire: Wire): ParameterInput {
  if (wire.kind === 'task-output') {
    return { taskOutputParameter: { producerTask: wire.node.name, outputParameterKey: wire.key } };
  }
  return wire.selector?.length
    ? { componentInputParameter: wire.name, parameterExpressionSelector: selectorExpression(wire.selector) }
    : { componentInputParameter: wire.name };
}

export function artifactInput(wire: Wire): ArtifactInput {
  return wire.kind === 'component-input'
    ? { componentInputArtifact: wire.name }
    : { taskOutputArtifact: { producerTask: wire.node.name, outputArtifactKey: wire.key } };
}

/** KFP's selector of a struct field: `parseJson(string_value)["field"]`. */
export function selectorExpression(path: readonly string[]): string {
  return `parseJson(string_value)${path.map((f) => `["${f}"]`).join('')}`;
}

function containsRef(value: unknown): boolean {
  if (isRef(value as AnyRef)) return true;
  if (Array.isArray(value)) return value.some(containsRef);
  if (value && typeof value === 'object') return Object.values(value).some(containsRef);
  return false;
}
