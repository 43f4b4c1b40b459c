/**
 * A YAML emitter that writes JSON-like data byte for byte as KFP's Python compiler does, i.e. as
 * PyYAML 6 `yaml.dump_all(documents, sort_keys=True)` with every other option at its default.
 *
 * Layout rules reproduced (PyYAML `Emitter` state machine, block style):
 * - mappings and sequences in block style, 2-space indentation, keys sorted by code point;
 * - a sequence that is the value of a mapping key is not indented (`args:\n- --executor_input`);
 * - a sequence item that is a collection starts on the `- ` line (`- name: x`);
 * - empty collections are written in flow style: `{}` and `[]`;
 * - keys that are empty, multi-line or 123+ characters long are "complex": `? key\n: value`;
 * - documents after the first start with `---`; a root plain scalar ends the stream with `...`.
 *
 * Numbers are doubles (protobuf JSON), written as PyYAML writes Python floats (`2.0`, `1.0e-05`), except
 * under the int32 field names of {@link INT32_FIELDS} and for `bigint` values, which are written as ints.
 * Objects shared between several places are written out again each time (never as YAML aliases),
 * like the fresh dicts of `MessageToDict`.
 */

import { compareCodePoints } from './code-point-order.js';
import { pyyamlFloat } from './python-float.js';
import { ScalarStyleCache } from './scalar-style.js';
import { writeDoubleQuoted, writePlain, writeSingleQuoted } from './scalar-writers.js';
import { YamlWriter } from './writer.js';

/**
 * Proto field names (JSON names) whose values are int32 in the PipelineSpec proto, and which
 * `MessageToDict` therefore gives to PyYAML as Python `int`s (`maxRetryCount: 3`) rather than
 * floats. Every other number in the IR is a double (`google.protobuf.Value`, `double` fields),
 * and int64 fields are already strings in proto3 JSON (`count: '1'`).
 *
 * The names are matched at any depth. To add a field, add it here or pass `int32Fields` to
 * {@link emitKfpYaml}; a `bigint` value is also always written as an integer.
 */
export const INT32_FIELDS: ReadonlySet<string> = new Set(['maxRetryCount', 'parallelismLimit']);

export interface EmitOptions {
  /** Field names whose integral number values are written as integers. Defaults to {@link INT32_FIELDS}. */
  readonly int32Fields?: ReadonlySet<string>;
}

/** Emits one YAML document (e.g. a PipelineSpec dict), ending with a newline. */
export function emitKfpYaml(doc: unknown, options: EmitOptions = {}): string {
  return emitKfpYamlDocuments([doc], options);
}

/** Emits a YAML stream of several documents, like `yaml.dump_all` (KFP adds a PlatformSpec this way). */
export function emitKfpYamlDocuments(docs: readonly unknown[], options: EmitOptions = {}): string {
  const writer = new YamlWriter();
  const emitter = new NodeEmitter(writer, options.int32Fields ?? INT32_FIELDS);
  docs.forEach((doc, index) => {
    // The first document starts implicitly; PyYAML's "empty document" case needs an untagged
    // scalar, which a represented Python value never is.
    if (index > 0) {
      writer.writeIndent();
      writer.writeIndicator('---', true);
    }
    emitter.emitNode(doc, ROOT, false);
    writer.writeIndent();
  });
  if (writer.openEnded) {
    writer.writeIndicator('...', true);
    writer.writeIndent();
  }
  return writer.toString();
}

/** Where a node sits, as PyYAML's `root_context`, `mapping_context` and `simple_key_context`. */
interface NodeContext {
  readonly root: boolean;
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

const ROOT: NodeContext = { root: true, mapping: false, simpleKey: false };
const SEQUENCE_ITEM: NodeContext = { root: false, mapping: false, simpleKey: false };
const MAPPING_VALUE: NodeContext = { root: false, mapping: true, simpleKey: false };
const SIMPLE_KEY: NodeContext = { root: false, mapping: true, simpleKey: true };

/**
 * PyYAML writes a key as `key: value` only when its length plus the length of its prepared tag is
 * under 128 characters. The tag (`!!str`, 5 characters) counts even though it is never written, so
 * string keys of 123 characters or more become complex keys (`? key`).
 */
const MAX_SIMPLE_KEY_LENGTH = 128 - '!!str'.length;

class NodeEmitter {
  /** Containers being written, to reject cycles instead of recursing forever. */
  private readonly ancestors = new Set<object>();
  private readonly styles = new ScalarStyleCache();

  constructor(
    private readonly writer: YamlWriter,
    private readonly int32Fields: ReadonlySet<string>,
  ) {}

  /** `asInt`: the value belongs to an int32 field, so an integral number is written as an int. */
  emitNode(value: unknown, context: NodeContext, asInt: boolean): void {
    switch (typeof value) {
      case 'string':
        this.emitScalar(value, true, context);
        return;
      case 'number':
        this.emitScalar(
          asInt && Number.isInteger(value) ? BigInt(value).toString() : pyyamlFloat(value),
          false,
          context,
        );
        return;
      case 'bigint':
        this.emitScalar(value.toString(), false, context);
        return;
      case 'boolean':
        this.emitScalar(value ? 'true' : 'false', false, context);
        return;
      case 'object':
        if (value === null) {
          this.emitScalar('null', false, context);
        } else if (Array.isArray(value)) {
          this.enter(value);
          this.emitSequence(value, context, asInt);
          this.ancestors.delete(value);
        } else if (isPlainObject(value)) {
          this.enter(value);
          this.emitMapping(value);
          this.ancestors.delete(value);
        } else {
          throw new TypeError(`Cannot emit a ${value.constructor?.name ?? 'non-plain'} object as YAML`);
        }
        return;
      default:
        throw new TypeError(`Cannot emit a value of type ${typeof value} as YAML`);
    }
  }

  private enter(container: object): void {
    if (this.ancestors.has(container)) throw new TypeError('Cannot emit a cyclic structure as YAML');
    this.ancestors.add(container);
  }

  private emitSequence(items: readonly unknown[], context: NodeContext, asInt: boolean): void {
    const writer = this.writer;
    if (items.length === 0) {
      writer.writeIndicator('[', true, true);
      writer.writeIndicator(']', false);
      return;
    }
    // A sequence directly after `key:` on the same line stays at the key's indentation.
    writer.increaseIndent(false, context.mapping && !writer.indention);
    for (const item of items) {
      if (item === undefined) throw new TypeError('Cannot emit undefined as a YAML sequence item');
      writer.writeIndent();
      writer.writeIndicator('-', true, false, true);
      this.emitNode(item, SEQUENCE_ITEM, asInt);
    }
    writer.popIndent();
  }

  private emitMapping(object: object): void {
    const writer = this.writer;
    const keys = sortedKeys(object as Record<string, unknown>);
    if (keys.length === 0) {
      writer.writeIndicator('{', true, true);
      writer.writeIndicator('}', false);
      return;
    }
    writer.increaseIndent(false);
    for (const key of keys) {
      const value = (object as Record<string, unknown>)[key];
      const asInt = this.int32Fields.has(key);
      writer.writeIndent();
      if (isSimpleKey(key)) {
        this.emitNode(key, SIMPLE_KEY, false);
        writer.writeIndicator(':', false);
      } else {
        writer.writeIndicator('?', true, false, true);
        this.emitNode(key, MAPPING_VALUE, false);
        writer.writeIndent();
        writer.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, MAPPING_VALUE, asInt);
    }
    writer.popIndent();
  }

  /**
   * A scalar: `isString` when it is a Python `str` (others are `null`, booleans and numbers, which
   * always read back as themselves). Keys are never folded (PyYAML's `split` is off for simple keys).
   */
  private emitScalar(text: string, isString: boolean, context: NodeContext): void {
    const writer = this.writer;
    writer.increaseIndent(true);
    const split = !context.simpleKey;
    switch (this.styles.styleOf(text, isString, context.simpleKey)) {
      case 'plain':
        writePlain(writer, text, split, context.root);
        break;
      case 'single-quoted':
        writeSingleQuoted(writer, text, split);
        break;
      case 'double-quoted':
        writeDoubleQuoted(writer, text, split);
        break;
    }
    writer.popIndent();
  }
}

/**
 * The keys whose value is not `undefined` (as `JSON.stringify` skips them), in Python's order.
 * The native sort (UTF-16 order) is used when no key has a character at or above U+D800, where
 * UTF-16 order and code-point order agree.
 */
function sortedKeys(object: Record<string, unknown>): string[] {
  let keys = Object.keys(object);
  let hasUndefined = false;
  let hasHighUnits = false;
  for (const key of keys) {
    if (object[key] === undefined) hasUndefined = true;
    if (HIGH_UNITS.test(key)) hasHighUnits = true;
  }
  if (hasUndefined) keys = keys.filter((key) => object[key] !== undefined);
  return hasHighUnits ? keys.sort(compareCodePoints) : keys.sort();
}

const HIGH_UNITS = /[\ud800-\uffff]/;

/** PyYAML `check_simple_key` for a string key: non-empty, single-line, under 123 characters. */
function isSimpleKey(key: string): boolean {
  if (key === '' || /[\n\x85\u2028\u2029]/.test(key)) return false;
  return codePointLength(key) < MAX_SIMPLE_KEY_LENGTH;
}

function codePointLength(text: string): number {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text).length : text.length;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
