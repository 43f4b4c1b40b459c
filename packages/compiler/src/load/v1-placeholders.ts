/**
 * The command line of a KFP v1 container (`{inputValue: x}`, `{concat: [...]}`, `{if: ...}`) in
 * kfp-ts terms: placeholder strings, `concat()` and `ifPresent()`. Two passes: `placeholderUses`
 * lists which inputs and outputs the command line refers to and how (the loader types some
 * inputs by that), then `convertArguments` rewrites it once the inputs and outputs are known.
 */
import type { ContainerArg, IOSpec } from '@kfp-ts/dsl';
import {
  concat,
  EXECUTOR_INPUT,
  ifPresent,
  inputArtifact,
  inputValue,
  isParamSpec,
  outputArtifact,
  outputParameterPath,
} from '@kfp-ts/dsl';
import type { V1CommandLineArgument, V1Placeholder } from '@kfp-ts/schemas';
import { type DocumentPath, fail } from './load-issues.js';
import { showValue } from './schema-issues.js';

/** How a placeholder refers to an input or output. */
export type V1UseKind = 'inputValue' | 'inputPath' | 'inputUri' | 'isPresent' | 'outputPath' | 'outputUri';

/** One reference to an input or output, with where it is written. */
export interface V1Use {
  readonly kind: V1UseKind;
  /** The name as written (KFP matches it after sanitising, as it does the declared names). */
  readonly name: string;
  readonly path: DocumentPath;
}

const USE_KINDS = ['inputValue', 'inputPath', 'inputUri', 'outputPath', 'outputUri'] as const;

/** Every input and output reference in a list of arguments, nested ones included. */
export function placeholderUses(args: readonly V1CommandLineArgument[], path: DocumentPath): V1Use[] {
  const uses: V1Use[] = [];
  const visit = (arg: V1CommandLineArgument, at: DocumentPath): void => {
    if (typeof arg === 'string') return;
    for (const kind of USE_KINDS) {
      const name = arg[kind];
      if (typeof name === 'string') uses.push({ kind, name, path: at });
    }
    for (const [i, item] of (arg.concat ?? []).entries()) visit(item, [...at, 'concat', i]);
    if (arg.if) {
      const { cond } = arg.if;
      if (typeof cond === 'object' && typeof cond.isPresent === 'string') {
        uses.push({ kind: 'isPresent', name: cond.isPresent, path: [...at, 'if', 'cond'] });
      }
      for (const branch of ['then', 'else'] as const) {
        const value = arg.if[branch];
        if (Array.isArray(value)) {
          for (const [i, item] of value.entries()) visit(item, [...at, 'if', branch, i]);
        } else if (value !== undefined) visit(value, [...at, 'if', branch]);
      }
    }
  };
  for (const [i, arg] of args.entries()) visit(arg, [...path, i]);
  return uses;
}

/** The component's inputs and outputs by the names placeholders use. */
export interface PlaceholderScope {
  /**
   * The input the placeholder `written` (as shown in messages) at `path` names by `name`, or a
   * LoadIssue there.
   */
  input(name: string, path: DocumentPath, written: string): { readonly key: string; readonly spec: IOSpec };
  output(name: string, path: DocumentPath, written: string): { readonly key: string; readonly spec: IOSpec };
}

/** A list of v1 arguments as kfp-ts arguments (an `if` with a constant condition is resolved here). */
export function convertArguments(
  args: readonly V1CommandLineArgument[],
  path: DocumentPath,
  scope: PlaceholderScope,
): ContainerArg[] {
  return args.flatMap((arg, i) => convertArgument(arg, [...path, i], scope, false));
}

/** One v1 argument as zero or more kfp-ts arguments. */
function convertArgument(
  arg: V1CommandLineArgument,
  path: DocumentPath,
  scope: PlaceholderScope,
  inConcat: boolean,
): ContainerArg[] {
  if (typeof arg === 'string') return [arg];
  const { key, spec } = placeholderTarget(arg, path, scope);
  if (arg.inputValue !== undefined) return [inputValue(key!)];
  if (arg.inputPath !== undefined) return [inputArtifact(key!).path];
  if (arg.inputUri !== undefined) return [inputArtifact(key!).uri];
  if (arg.outputPath !== undefined)
    return [isParamSpec(spec) ? outputParameterPath(key!) : outputArtifact(key!).path];
  if (arg.outputUri !== undefined) return [outputArtifact(key!).uri];
  if (arg.executorInput !== undefined) return [EXECUTOR_INPUT];
  if (arg.concat) {
    return [
      concat(...arg.concat.flatMap((item, i) => convertArgument(item, [...path, 'concat', i], scope, true))),
    ];
  }
  if (arg.if) return convertIf(arg.if, [...path, 'if'], scope, inConcat);
  if (arg.inputMetadata !== undefined || arg.outputMetadata !== undefined) {
    // v1 passed the path of a metadata file; KFP v2's metadata placeholder is the metadata itself.
    return fail(path, `${showValue(arg)} is not supported: KFP v2 has no metadata file to pass a path of`);
  }
  if (arg.inputOutputPortName !== undefined) {
    return fail(
      path,
      `${showValue(arg)} is not supported: KFP v2 does not tell a component which output fed an input`,
    );
  }
  return fail(path, `unknown placeholder ${showValue(arg)}`);
}

/** The input or output a simple placeholder names, checked to suit the placeholder. */
function placeholderTarget(
  arg: V1Placeholder,
  path: DocumentPath,
  scope: PlaceholderScope,
): { key?: string; spec?: IOSpec } {
  for (const kind of ['inputValue', 'inputPath', 'inputUri'] as const) {
    const name = arg[kind];
    if (name === undefined) continue;
    const target = scope.input(name, path, showValue(arg));
    const wantsParameter = kind === 'inputValue';
    if (isParamSpec(target.spec) !== wantsParameter) {
      fail(
        path,
        wantsParameter
          ? `input '${name}' is an artifact; {inputValue} passes parameter values: use {inputPath: ${name}} or {inputUri: ${name}}`
          : `input '${name}' is a parameter; {${kind}} needs an artifact: use {inputValue: ${name}}`,
      );
    }
    return target;
  }
  for (const kind of ['outputPath', 'outputUri'] as const) {
    const name = arg[kind];
    if (name === undefined) continue;
    const target = scope.output(name, path, showValue(arg));
    if (kind === 'outputUri' && isParamSpec(target.spec)) {
      fail(path, `output '${name}' is a parameter; {outputUri} needs an artifact: use {outputPath: ${name}}`);
    }
    return target;
  }
  return {};
}

type Branch = V1CommandLineArgument | V1CommandLineArgument[] | undefined;

/**
 * `{if: {cond: {isPresent: x}, then, else}}` becomes `ifPresent(x, then, else)`. A constant
 * condition (`cond: true`) is decided now, since the IR can only test for a present input; a
 * condition on an input's value cannot be expressed in KFP v2 at all.
 */
function convertIf(
  placeholder: NonNullable<V1Placeholder['if']>,
  path: DocumentPath,
  scope: PlaceholderScope,
  inConcat: boolean,
): ContainerArg[] {
  const branch = (which: 'then' | 'else'): ContainerArg[] => {
    const value: Branch = placeholder[which];
    if (value === undefined) return [];
    if (!Array.isArray(value)) return convertArgument(value, [...path, which], scope, inConcat);
    return value.flatMap((item, i) => convertArgument(item, [...path, which, i], scope, inConcat));
  };
  const { cond } = placeholder;
  const constant = constantCondition(cond);
  if (constant !== undefined) return branch(constant ? 'then' : 'else');
  if (typeof cond !== 'object' || cond.isPresent === undefined) {
    return fail(
      [...path, 'cond'],
      `condition ${showValue(cond)} is not supported: KFP v2 can only test whether an input is present ({isPresent: <input name>})`,
    );
  }
  const { key } = scope.input(cond.isPresent, [...path, 'cond'], showValue(cond));
  const then = branch('then');
  const otherwise = branch('else');
  if (inConcat && (then.length > 1 || otherwise.length > 1)) {
    fail(
      path,
      'an if inside concat must give at most one argument in then and in else (KFP cannot splice a list into a string)',
    );
  }
  // KFP leaves out an empty else; so does the IR written here.
  return [ifPresent(key, then, otherwise.length ? otherwise : undefined)];
}

/** `true`/`false` (or their text) as a decided condition; undefined for a real condition. */
function constantCondition(cond: unknown): boolean | undefined {
  if (typeof cond === 'boolean') return cond;
  if (typeof cond === 'string') {
    const word = cond.trim().toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
  }
  return undefined;
}
