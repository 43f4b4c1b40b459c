/**
 * Work that the tasks of one process share. A tuning fan-out runs dozens of tasks on the same
 * train and validation files; in one process (the local runner's main thread or one of its worker
 * threads) each file is parsed once, and each (data, features) pair is vectorised once, instead of
 * once per task. On Vertex every task is its own container, so there nothing is shared and nothing
 * changes.
 *
 * Frames and matrices are immutable by convention (the ml package never writes into its inputs),
 * which is what makes handing the same object to several tasks safe.
 */
import { statSync } from 'node:fs';
import { DictVectorizer, type Frame, type Matrix } from '@kfp-ts/ml';

/** Parsed files kept at most; the examples' largest training frame is about a megabyte. */
const MAX_FRAMES = 8;

const frames = new Map<string, Frame>();

/**
 * `parse()` of the file at `path`, or the frame already parsed from the same file in this
 * process. The key is the file's identity (device, inode, size, modification time) and the
 * parse options, so a file replaced or rewritten is parsed again.
 */
export function parsedFile(path: string, options: string, parse: () => Frame): Frame {
  const stat = statSync(path, { bigint: true });
  const key = `${path}\0${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}\0${options}`;
  const known = frames.get(key);
  if (known) {
    // Most recently used last, so the oldest entry is the one dropped.
    frames.delete(key);
    frames.set(key, known);
    return known;
  }
  const frame = parse();
  frames.set(key, frame);
  if (frames.size > MAX_FRAMES) frames.delete(frames.keys().next().value!);
  return frame;
}

const derivedValues = new WeakMap<object, Map<string, unknown>>();

/**
 * `compute()`, once per `owner` (a frame, a vectorizer) and `key`; later calls get the same value.
 * Kept for as long as the owner is alive.
 */
export function derived<T>(owner: object, key: string, compute: () => T): T {
  const values = derivedValues.get(owner) ?? new Map<string, unknown>();
  derivedValues.set(owner, values);
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}

/** `DictVectorizer.fit(frame, features)`, once per frame and feature list. */
export function fittedVectorizer(frame: Frame, features: readonly string[]): DictVectorizer {
  return derived(frame, `vectorizer:${JSON.stringify(features)}`, () => DictVectorizer.fit(frame, features));
}

/** `vectorizer.transform(frame, { sparse })`, once per vectorizer, frame and layout. */
export function designMatrix(vectorizer: DictVectorizer, frame: Frame, sparse: boolean): Matrix {
  const byFrame = derived(vectorizer, 'matrices', () => new WeakMap<Frame, Map<boolean, Matrix>>());
  const layouts = byFrame.get(frame) ?? new Map<boolean, Matrix>();
  byFrame.set(frame, layouts);
  let matrix = layouts.get(sparse);
  if (!matrix) {
    matrix = vectorizer.transform(frame, { sparse });
    layouts.set(sparse, matrix);
  }
  return matrix;
}
