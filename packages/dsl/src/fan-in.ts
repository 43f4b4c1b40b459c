import { requireContext } from './build-context.js';
import { PipelineDefinitionError } from './errors.js';
import type { ArtifactRef, ParamRef } from './refs.js';
import { isArtifactRef, isParamRef, makeArtifactRef, makeParamRef } from './refs.js';
import type { ParamKind } from './specs.js';
import type { TasksGroup } from './tasks-group.js';
import { producerOf } from './visibility.js';

/**
 * Gathers a value produced inside a parallel-for into a list, once every iteration finished
 * (KFP's `dsl.Collected`): a parameter becomes a list parameter, an artifact a list of artifacts.
 */
export function collected<T>(ref: ParamRef<any, T>): ParamRef<'LIST', T[]>;
export function collected<S extends string>(ref: ArtifactRef<S, false>): ArtifactRef<S, true>;
export function collected(ref: ParamRef | ArtifactRef): ParamRef | ArtifactRef {
  const context = requireContext('collected');
  const producer = isParamRef(ref) || isArtifactRef(ref) ? producerOf(ref) : undefined;
  if (!producer) {
    throw new PipelineDefinitionError('collected() needs an output of a task inside a parallelFor.', {
      where: context.currentGroup.path,
    });
  }
  const here = context.currentGroup.ancestry;
  const loops = producer.group.ancestry.filter((g) => g.kind === 'for-loop' && !here.includes(g));
  if (loops.length === 0) {
    throw new PipelineDefinitionError(
      `collected(): ${describe(producer.node)} is not inside a parallelFor that encloses this point.`,
      {
        where: context.currentGroup.path,
        fix: 'Use collected() outside the loop whose iterations it gathers.',
      },
    );
  }
  if (loops.length > 1) {
    throw new PipelineDefinitionError('collected() across nested parallelFor loops is not supported yet.', {
      where: context.currentGroup.path,
      fix: 'Collect inside the outer loop first, or flatten the loops.',
    });
  }
  const loop = loops[0]!;
  const source = { type: 'collected', inner: ref, loop } as const;
  return isParamRef(ref) ? makeParamRef('LIST', source) : makeArtifactRef(ref.type, true, source);
}

/**
 * The value of whichever If/Elif/Else branch ran (KFP's `dsl.OneOf`). Give one reference from
 * each branch of the same chain, all of the same type.
 */
export function oneOf<R extends ParamRef<any, any> | ArtifactRef<any, false>>(...refs: [R, ...R[]]): R {
  const context = requireContext('oneOf');
  const where = context.currentGroup.path;
  if (refs.length < 2)
    throw new PipelineDefinitionError('oneOf() needs a value from at least two branches.', { where });
  let branches: TasksGroup | undefined;
  const seen = new Set<TasksGroup>();
  for (const ref of refs) {
    const producer = isParamRef(ref) || isArtifactRef(ref) ? producerOf(ref) : undefined;
    const branch = producer?.group.ancestry.find(
      (g) => g.kind === 'condition' && g.parent?.kind === 'condition-branches',
    );
    if (!producer || !branch) {
      throw new PipelineDefinitionError(
        'oneOf() takes outputs of tasks inside the branches of an If/Elif/Else chain.',
        {
          where,
        },
      );
    }
    if (branches && branch.parent !== branches) {
      throw new PipelineDefinitionError('oneOf() mixes branches of different If chains.', { where });
    }
    if (seen.has(branch)) {
      throw new PipelineDefinitionError(`oneOf() got two values from the same branch ${branch.name}.`, {
        where,
      });
    }
    seen.add(branch);
    branches = branch.parent!;
  }
  const first = refs[0] as ParamRef | ArtifactRef;
  for (const ref of refs as Array<ParamRef | ArtifactRef>) {
    const same = isParamRef(first)
      ? isParamRef(ref) && ref.kind === first.kind
      : isArtifactRef(ref) && ref.schemaTitle === first.schemaTitle && ref.isList === first.isList;
    if (!same) throw new PipelineDefinitionError('oneOf() values must all have the same type.', { where });
  }
  branches!.oneOfCount += 1;
  const source = { type: 'one-of', refs, branches: branches!, id: branches!.oneOfCount } as const;
  return (
    isParamRef(first)
      ? makeParamRef(first.kind as ParamKind, source)
      : makeArtifactRef(first.type, false, source)
  ) as R;
}

function describe(node: { name: string }): string {
  return `'${node.name}'`;
}
