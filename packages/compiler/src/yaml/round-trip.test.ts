// Whatever we write must read back unchanged, both with YAML 1.1 rules (PyYAML, the KFP backend's
// readers) and with the YAML 1.2 core schema: random JSON-like documents full of awkward strings,
// and every short string made of the characters the type resolvers care about.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitKfpYaml } from './emit.js';

const READERS = [
  ['YAML 1.1', { version: '1.1' }],
  ['YAML 1.2 core', {}],
] as const;

/** mulberry32: a small seeded PRNG, so every run tests the same documents. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Single characters that change how a scalar must be written. */
const CHARACTERS = [
  ...' \n\t\r:#-?\'"\\{}[],&*!|>%@`._+~=<0123456789xeEyYnNtTfFoO',
  'é',
  '😀',
  '\x85',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\x00',
  '\x07',
  '\x1b',
  '\x7f',
  '\xa0',
  '\ud800',
  '\udfff',
  '\uffff',
];

/** Whole words that resolvers, indicators or folding treat specially. */
const TOKENS = [
  ...['yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', 'null', 'NULL', '~', ''],
  ...[
    '1',
    '-12',
    '09',
    '0o17',
    '0x1F',
    '0b101',
    '1_000',
    '1e3',
    '1.0e+3',
    '.5',
    '5.',
    '.',
    '.inf',
    '-.Inf',
    '.nan',
  ],
  ...[
    '12:30',
    '0:30',
    '1:20.5',
    '2001-12-14',
    '2001-12-14 21:59:43.10 -5',
    '<<',
    '=',
    '---',
    '...',
    '- ',
    ': ',
    ' #',
  ],
  ...['{{$}}', "{{$.inputs.parameters['x']}}", 'python:3.11', '2.1.0', 'word', 'x'.repeat(90), '  ', '\n\n'],
];

function randomString(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.15) return pick(TOKENS);
  const length = Math.floor(random() * random() * 200);
  let text = '';
  for (let i = 0; i < length; i++) {
    if (roll < 0.5) text += random() < 0.8 ? `${pick(['a', 'bc', 'word', 'x'])} ` : pick(CHARACTERS);
    else if (roll < 0.8) text += pick(CHARACTERS);
    else text += pick(TOKENS);
  }
  return text;
}

function randomNumber(random: () => number): number {
  const roll = random();
  if (roll < 0.05)
    return [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0][Math.floor(random() * 4)]!;
  if (roll < 0.3) return Math.floor(random() * 1000);
  if (roll < 0.6) return (random() - 0.5) * 10 ** Math.floor(random() * 60 - 30);
  return Math.round(random() * 1e6) / 1000;
}

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 4 || roll < 0.45) {
    const kind = random();
    if (kind < 0.6) return randomString(random);
    if (kind < 0.8) return randomNumber(random);
    if (kind < 0.9) return random() < 0.5;
    return null;
  }
  if (roll < 0.7)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  const size = Math.floor(random() * 5);
  for (let i = 0; i < size; i++) {
    const key =
      random() < 0.6 ? randomString(random) : ['name', 'maxRetryCount', 'parallelismLimit', 'é', '😀'][i]!;
    object[key] = randomValue(random, depth + 1);
  }
  return object;
}

/** Every string of up to `maxLength` characters from `alphabet`. */
function allStrings(alphabet: string, maxLength: number): string[] {
  let level = [''];
  const result: string[] = [];
  for (let length = 1; length <= maxLength; length++) {
    level = level.flatMap((prefix) => [...alphabet].map((ch) => prefix + ch));
    result.push(...level);
  }
  return result;
}

describe.each(READERS)('reading our output back with %s', (_name, options) => {
  it('gives back 400 random documents unchanged', () => {
    const random = createRandom(20260827);
    for (let i = 0; i < 400; i++) {
      const doc = { doc: randomValue(random, 0) };
      const text = emitKfpYaml(doc);
      expect(parse(text, options), text).toEqual(doc);
    }
  });

  it('gives back every short string of resolver-relevant characters unchanged', () => {
    const short = allStrings('019._:eE+-xoyN~t #', 3);
    const asKeys = Object.fromEntries(short.map((text, index) => [text, index]));
    expect(parse(emitKfpYaml(asKeys), options)).toEqual(asKeys);
    const strings = [...short, ...allStrings('07.e+_:-', 4)];
    expect(parse(emitKfpYaml(strings), options)).toEqual(strings);
  });

  it('gives back a document whose root is a scalar', () => {
    for (const root of ['abc', '1', '', 'a\nb', 2.5, null, true]) {
      expect(parse(emitKfpYaml(root), options)).toEqual(root);
    }
  });
});
