/**
 * Runtime brands. Every kfp-ts object carries a `Symbol.for` key instead of relying on
 * `instanceof`, so two installed copies of the package (a pipeline library built against one
 * version, an application against another) still recognise each other's objects.
 */
export const BRAND = Symbol.for('kfp-ts.brand');

export type BrandName =
  | 'param-spec'
  | 'artifact-spec'
  | 'artifact-type'
  | 'param-ref'
  | 'artifact-ref'
  | 'component'
  | 'task'
  | 'group'
  | 'condition'
  | 'placeholder'
  | 'pipeline-error';

export function hasBrand(value: unknown, name: BrandName): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as { [BRAND]?: unknown })[BRAND] === name
  );
}
