import { requireContext } from './build-context.js';
import type { Condition } from './conditions.js';
import { isCondition, negated } from './conditions.js';
import { PipelineDefinitionError } from './errors.js';
import type { ParamRef } from './refs.js';
import { isParamRef } from './refs.js';
import { TasksGroup } from './tasks-group.js';
import { visibilityProblem } from './visibility.js';

interface BranchOptions {
  /** Display name of the branch in the console. */
  name?: string;
}

/**
 * An If/Elif/Else chain under construction. `results` holds what each branch body returned, so
 * values computed in the branches can be merged with `oneOf(...chain.results)`.
 */
export class ConditionChain<R> {
  readonly results: R[] = [];
  #wrapper: TasksGroup | undefined;
  #negatedSoFar: Condition[];
  #mutationsAtEnd = 0;
  #closed = false;

  /** @internal */
  constructor(
    private readonly first: TasksGroup,
    firstCondition: Condition,
    result: R,
  ) {
    this.#negatedSoFar = [negated(firstCondition)];
    this.results.push(result);
    this.#mutationsAtEnd = first.context.mutations;
  }

  /** A further branch, taken when no branch before it was and `condition` holds. */
  Elif<R2>(condition: Condition, body: () => R2, options?: BranchOptions): ConditionChain<R | R2> {
    checkCondition(condition, 'Elif');
    this.#addBranch([...this.#negatedSoFar, condition], body, options, 'Elif');
    this.#negatedSoFar = [...this.#negatedSoFar, negated(condition)];
    return this as ConditionChain<R | R2>;
  }

  /** The last branch, taken when no branch before it was. */
  Else<R2>(body: () => R2, options?: BranchOptions): ConditionChain<R | R2> {
    this.#addBranch(this.#negatedSoFar, body, options, 'Else');
    this.#closed = true;
    return this as ConditionChain<R | R2>;
  }

  #addBranch(
    conditions: Condition[],
    body: () => unknown,
    options: BranchOptions | undefined,
    what: string,
  ): TasksGroup {
    const context = this.first.context;
    if (requireContext(what) !== context) {
      throw new PipelineDefinitionError(`${what} belongs to an If of another pipeline body.`, {
        where: this.first.path,
      });
    }
    if (this.#closed) {
      throw new PipelineDefinitionError(`${what} follows an Else.`, {
        where: this.first.path,
        fix: 'Else must be the last branch of an If chain.',
      });
    }
    if (context.mutations !== this.#mutationsAtEnd || context.currentGroup !== this.#parent()) {
      throw new PipelineDefinitionError(`${what} does not directly follow its If.`, {
        where: this.first.path,
        fix: `Chain it onto the If: If(...).${what}(...), with no tasks created in between.`,
      });
    }
    if (!this.#wrapper) this.#wrapInBranches();
    const group = new TasksGroup('condition', context.nextGroupId(), context, options?.name);
    group.conditions = conditions;
    group.parent = this.#wrapper;
    this.#wrapper!.add(group);
    context.mutations++;
    checkOperands(conditions, group);
    this.results.push(context.within(group, body) as R);
    this.#mutationsAtEnd = context.mutations;
    return group;
  }

  #parent(): TasksGroup {
    return (this.#wrapper ?? this.first).parent!;
  }

  /**
   * KFP wraps an If that gets an Elif or Else in a `condition-branches` group, which takes the
   * If's number while the If takes the new one (so the wrapper sorts first).
   */
  #wrapInBranches(): void {
    const context = this.first.context;
    const parent = this.first.parent!;
    const wrapper = new TasksGroup('condition-branches', context.nextGroupId(), context);
    const ifId = this.first.id;
    this.first.renumber(wrapper.id);
    wrapper.renumber(ifId);
    wrapper.parent = parent;
    parent.children.splice(parent.children.indexOf(this.first), 1, wrapper);
    this.first.parent = wrapper;
    wrapper.add(this.first);
    this.#wrapper = wrapper;
  }
}

/**
 * Runs `body`'s tasks only when `condition` holds at run time (KFP's `dsl.If`). Chain `.Elif()`
 * and `.Else()` for further branches.
 *
 * ```ts
 * If(gt(evaluate.outputs.auc, p.threshold), () => approve({ model })).Else(() => reject({ model }));
 * ```
 */
export function If<R>(condition: Condition, body: () => R, options?: BranchOptions): ConditionChain<R> {
  const context = requireContext('If');
  checkCondition(condition, 'If');
  const group = new TasksGroup('condition', context.nextGroupId(), context, options?.name);
  group.conditions = [condition];
  group.parent = context.currentGroup;
  context.currentGroup.add(group);
  context.mutations++;
  checkOperands(group.conditions, group);
  const result = context.within(group, body);
  return new ConditionChain(group, condition, result);
}

function checkCondition(condition: Condition, what: string): void {
  if (typeof condition === 'boolean') {
    throw new PipelineDefinitionError(
      `${what} got the constant ${condition}: the comparison was evaluated while defining the pipeline.`,
      { fix: 'Compare run-time values with eq(), ne(), lt(), le(), gt() or ge().' },
    );
  }
  if (!isCondition(condition)) {
    throw new PipelineDefinitionError(
      `${what} needs a condition made with eq(), ne(), lt(), le(), gt() or ge().`,
    );
  }
}

function checkOperands(conditions: readonly Condition[], group: TasksGroup): void {
  for (const c of conditions) {
    const refs = [c.left, c.right].filter((o) => isParamRef(o)) as unknown as ParamRef[];
    if (refs.length === 0) {
      throw new PipelineDefinitionError('the condition compares two constants.', {
        where: group.path,
        fix: 'At least one side must be a pipeline input or a task output.',
      });
    }
    for (const ref of refs) {
      if (ref.kind === 'LIST' || ref.kind === 'STRUCT') {
        throw new PipelineDefinitionError(`a condition cannot compare a ${ref.kind.toLowerCase()} value.`, {
          where: group.path,
          fix: 'Compare strings, numbers or booleans.',
        });
      }
      const problem = visibilityProblem(ref, group.parent!);
      if (problem)
        throw new PipelineDefinitionError(`condition: ${problem.message}`, {
          where: group.path,
          ...(problem.fix ? { fix: problem.fix } : {}),
        });
    }
  }
}
