import { component } from '../index.js';

export const definedHere = component({ name: 'defined-here', run: () => {} });

/** A helper that declares components for its callers: the helper's file is the one recorded. */
export function makeComponent(name: string) {
  return component({ name, run: () => {} });
}
