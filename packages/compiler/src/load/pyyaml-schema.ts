/**
 * Reading YAML the way KFP reads it. KFP loads component files with PyYAML's `safe_load`, which
 * resolves plain scalars by the YAML 1.1 rules as PyYAML implements them. The `yaml` package's
 * own 1.1 schema is more liberal (`y`/`n` are booleans, `1e3` is a float, dates become `Date`s),
 * and its 1.2 core schema reads `yes` and `010` differently, so either would change what a
 * published component means: an input named `y`, an argument `1e-3`, a default `yes`. These tags
 * replace the scalar resolution with PyYAML's patterns; maps, sequences, strings, nulls and the
 * rarer 1.1 collection tags come from the package's 1.1 schema.
 */
import type { ScalarTag, Tags } from 'yaml';

const BOOL = 'tag:yaml.org,2002:bool';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
/** Timestamps stay strings: KFP only ever turns such values into text again. */
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

const pyyamlTrue: ScalarTag = {
  tag: BOOL,
  default: true,
  identify: (value) => value === true,
  test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  resolve: () => true,
};

const pyyamlFalse: ScalarTag = {
  tag: BOOL,
  default: true,
  identify: (value) => value === false,
  test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  resolve: () => false,
};

/** `190:20:30` is 190*3600 + 20*60 + 30 (YAML 1.1 "sexagesimal" numbers). */
function base60(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

const pyyamlInt: ScalarTag = {
  tag: INT,
  default: true,
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  test: /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  resolve(source) {
    const text = source.replace(/_/g, '');
    const sign = text.startsWith('-') ? -1 : 1;
    const body = text.replace(/^[-+]/, '');
    if (body.startsWith('0b')) return sign * Number.parseInt(body.slice(2), 2);
    if (body.startsWith('0x')) return sign * Number.parseInt(body.slice(2), 16);
    if (body.includes(':')) return sign * base60(body);
    if (body.length > 1 && body.startsWith('0')) return sign * Number.parseInt(body, 8);
    return sign * Number.parseInt(body, 10);
  },
};

const pyyamlFloat: ScalarTag = {
  tag: FLOAT,
  default: true,
  identify: (value) => typeof value === 'number',
  // Unlike YAML 1.2, a float needs a dot and an exponent needs a sign: `1e3` is the string "1e3".
  test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  resolve(source) {
    const text = source.replace(/_/g, '').toLowerCase();
    const sign = text.startsWith('-') ? -1 : 1;
    const body = text.replace(/^[-+]/, '');
    if (body === '.inf') return sign * Number.POSITIVE_INFINITY;
    if (body === '.nan') return Number.NaN;
    if (body.includes(':')) return sign * base60(body);
    return sign * Number.parseFloat(body);
  },
};

/** `customTags` for `yaml`'s parser (with `version: '1.1'`): PyYAML's scalar resolution. */
export function pyyamlTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => {
    const name = typeof tag === 'object' && tag !== null && 'tag' in tag ? tag.tag : undefined;
    return name !== BOOL && name !== INT && name !== FLOAT && name !== TIMESTAMP;
  });
  return [...kept, pyyamlTrue, pyyamlFalse, pyyamlInt, pyyamlFloat];
}
