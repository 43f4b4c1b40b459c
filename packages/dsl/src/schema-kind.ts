import type { z } from 'zod';
import type { ParamKind } from './specs.js';

interface ZodDefLike {
  type?: string;
  format?: string;
  innerType?: z.ZodType;
}

/**
 * The IR kind of the values a zod schema describes (lists' elements, struct fields). Shapes it
 * cannot tell are STRING, KFP's default for untyped loop items.
 */
export function kindOfSchema(schema: z.ZodType): ParamKind {
  const def = (schema as unknown as { _zod?: { def?: ZodDefLike } })._zod?.def;
  switch (def?.type) {
    case 'string':
    case 'enum':
    case 'literal':
    case 'template_literal':
      return 'STRING';
    case 'number':
      return def.format && /int/.test(def.format) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
    case 'int':
    case 'bigint':
      return 'NUMBER_INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    case 'array':
    case 'tuple':
      return 'LIST';
    case 'object':
    case 'record':
      return 'STRUCT';
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return def.innerType ? kindOfSchema(def.innerType) : 'STRING';
    default:
      return 'STRING';
  }
}
