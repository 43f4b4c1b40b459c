import type { Component } from '@kfp-ts/dsl';
import type { CompileOptions } from './compile.js';
import { compile } from './compile.js';
import { toKfpYaml } from './yaml/header.js';

/** Compiles to the YAML text KFP's Python compiler would write (header comment included). */
export function compileToYaml(target: Component<any, any, any>, options: CompileOptions = {}): string {
  return toKfpYaml(compile(target, options));
}
