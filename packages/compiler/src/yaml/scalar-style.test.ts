// Expected texts: what PyYAML 6.0.3 writes (pure-Python emitter, `yaml.dump(..., sort_keys=True)`),
// recorded by running it; see the notes in scalar-style.ts and resolver.ts for the rules.
import { describe, expect, it } from 'vitest';
import { emitKfpYaml } from './emit.js';

type Case = readonly [name: string, text: string, expected: string];

/** `yaml.dump({'value': text})`. */
const AS_VALUE: readonly Case[] = [
  ['empty string', '', "value: ''\n"],
  ['leading space', ' leading space', "value: ' leading space'\n"],
  ['trailing space', 'trailing ', "value: 'trailing '\n"],
  ['colon space inside', 'a: b', "value: 'a: b'\n"],
  ['colon without space', 'a:b', 'value: a:b\n'],
  ['trailing colon', 'x:', "value: 'x:'\n"],
  ['dash space at start', '- x', "value: '- x'\n"],
  ['dash at start', '-x', 'value: -x\n'],
  ['lone dash', '-', "value: '-'\n"],
  ['question mark at start', '?x', 'value: ?x\n'],
  ['colon at start', ':x', 'value: :x\n'],
  ['hash at start', '#x', "value: '#x'\n"],
  ['space hash inside', 'x #y', "value: 'x #y'\n"],
  ['hash inside', 'x#y', 'value: x#y\n'],
  ['placeholder', '{{$}}', "value: '{{$}}'\n"],
  ['placeholder with quotes', "{{$.inputs.parameters['x']}}", "value: '{{$.inputs.parameters[''x'']}}'\n"],
  ['apostrophe', "it's", "value: it's\n"],
  ['double quotes', 'say "hi"', 'value: say "hi"\n'],
  ['leading double quote', '"quoted"', 'value: \'"quoted"\'\n'],
  ['document start marker', '---x', "value: '---x'\n"],
  ['document end marker', '...', "value: '...'\n"],
  ['bool yes', 'yes', "value: 'yes'\n"],
  ['bool No', 'No', "value: 'No'\n"],
  ['bool on', 'on', "value: 'on'\n"],
  ['bool OFF', 'OFF', "value: 'OFF'\n"],
  ['bool true', 'true', "value: 'true'\n"],
  ['bool True', 'True', "value: 'True'\n"],
  ['bool FALSE', 'FALSE', "value: 'FALSE'\n"],
  ['null', 'null', "value: 'null'\n"],
  ['Null', 'Null', "value: 'Null'\n"],
  ['tilde', '~', "value: '~'\n"],
  ['hex', '0x1F', "value: '0x1F'\n"],
  ['octal 1.1', '017', "value: '017'\n"],
  ['binary', '0b101', "value: '0b101'\n"],
  ['int', '1', "value: '1'\n"],
  ['signed int', '-12', "value: '-12'\n"],
  ['int with underscore', '1_000', "value: '1_000'\n"],
  ['exponent with dot', '1.0e+3', "value: '1.0e+3'\n"],
  ['leading dot', '.5', "value: '.5'\n"],
  ['float', '3.14', "value: '3.14'\n"],
  ['inf', '.inf', "value: '.inf'\n"],
  ['-Inf', '-.Inf', "value: '-.Inf'\n"],
  ['nan', '.NaN', "value: '.NaN'\n"],
  ['sexagesimal int', '12:30', "value: '12:30'\n"],
  ['sexagesimal float', '1:20.5', "value: '1:20.5'\n"],
  ['date', '2001-12-14', "value: '2001-12-14'\n"],
  ['timestamp', '2001-12-14t21:59:43.10-05:00', "value: '2001-12-14t21:59:43.10-05:00'\n"],
  ['merge key', '<<', "value: '<<'\n"],
  ['value key', '=', "value: '='\n"],
  ['version', '2.1.0', 'value: 2.1.0\n'],
  ['duration', '3600s', 'value: 3600s\n'],
  ['image', 'python:3.11', 'value: python:3.11\n'],
  ['url', 'gs://bucket/path', 'value: gs://bucket/path\n'],
  ['exclamation', '!x', "value: '!x'\n"],
  ['ampersand', '&a', "value: '&a'\n"],
  ['asterisk', '*a', "value: '*a'\n"],
  ['pipe', '|', "value: '|'\n"],
  ['greater than', '>', "value: '>'\n"],
  ['percent', '%x', "value: '%x'\n"],
  ['at', '@x', "value: '@x'\n"],
  ['backtick', '`x', "value: '`x'\n"],
  ['comma at start', ',x', "value: ',x'\n"],
  ['bracket at start', '[x]', "value: '[x]'\n"],
  ['brace inside', 'a{b}', 'value: a{b}\n'],
  ['unicode', 'caf\u00e9', 'value: "caf\\xE9"\n'],
  ['emoji', '\ud83d\ude00', 'value: "\\U0001F600"\n'],
  ['BOM', '\ufeffx', 'value: "\\uFEFFx"\n'],
  ['NEL', 'a\u0085b', 'value: "a\\Nb"\n'],
  ['line separator', 'a\u2028b', 'value: "a\\Lb"\n'],
  ['no-break space', 'a\u00a0b', 'value: "a\\_b"\n'],
  ['tab', 'a\tb', 'value: "a\\tb"\n'],
  ['carriage return', 'a\rb', 'value: "a\\rb"\n'],
  ['NUL', 'a\u0000b', 'value: "a\\0b"\n'],
  ['DEL', 'a\u007fb', 'value: "a\\x7Fb"\n'],
  ['escape', '\u001b[0m', 'value: "\\e[0m"\n'],
  ['bell', '\u0007', 'value: "\\a"\n'],
  ['backslash', 'C:\\path', 'value: C:\\path\n'],
  ['backslash with special', 'a\\\tb', 'value: "a\\\\\\tb"\n'],
  ['two lines', 'a\nb', "value: 'a\n\n  b'\n"],
  ['blank line between', 'a\n\nb', "value: 'a\n\n\n  b'\n"],
  ['trailing newline', 'line one\nline two\n', "value: 'line one\n\n  line two\n\n  '\n"],
  ['leading newline', '\nab', "value: '\n\n  ab'\n"],
  ['only newline', '\n', "value: '\n\n  '\n"],
  ['space before newline', 'a \nb', 'value: "a \\nb"\n'],
  ['space after newline', 'a\n b', 'value: "a\\n b"\n'],
  ['indented script', 'set -e\n  echo hi\n', 'value: "set -e\\n  echo hi\\n"\n'],
  [
    'very long word',
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'value: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
  ],
  [
    'long sentence',
    'This pipeline trains a model on the input dataset and then evaluates it against the held out split before pushing.',
    'value: This pipeline trains a model on the input dataset and then evaluates it against\n  the held out split before pushing.\n',
  ],
  [
    'long sentence with double spaces',
    'word word word word word word word word word word word word word word  two  spaces  here and more words to pass the eighty column limit',
    'value: word word word word word word word word word word word word word word  two  spaces  here\n  and more words to pass the eighty column limit\n',
  ],
  [
    'long sentence needing quotes',
    'key: This pipeline trains a model on the input dataset and then evaluates it against the held out split before pushing.',
    "value: 'key: This pipeline trains a model on the input dataset and then evaluates\n  it against the held out split before pushing.'\n",
  ],
  [
    'long CEL condition',
    "int(inputs.parameter_values['pipelinechannel--flip-coin-Output']) > 5 && inputs.parameter_values['pipelinechannel--flip-coin-Output'] != 'tails'",
    "value: int(inputs.parameter_values['pipelinechannel--flip-coin-Output']) > 5 && inputs.parameter_values['pipelinechannel--flip-coin-Output']\n  != 'tails'\n",
  ],
  [
    'long multi-line single-quoted',
    'program_path=$(mktemp -d)\n\nprintf "%s" "$0" > "$program_path/ephemeral_component.py"\n_KFP_RUNTIME=true python3 -m kfp.dsl.executor_main                         --component_module_path                         "$program_path/ephemeral_component.py"                         "$@"\n',
    'value: \'program_path=$(mktemp -d)\n\n\n  printf "%s" "$0" > "$program_path/ephemeral_component.py"\n\n  _KFP_RUNTIME=true python3 -m kfp.dsl.executor_main                         --component_module_path                         "$program_path/ephemeral_component.py"                         "$@"\n\n  \'\n',
  ],
  [
    'long double-quoted with escapes',
    '\nif ! [ -x "$(command -v pip)" ]; then\n    python3 -m ensurepip || python3 -m ensurepip --user || apt-get install python3-pip\nfi\n',
    'value: "\\nif ! [ -x \\"$(command -v pip)\\" ]; then\\n    python3 -m ensurepip || python3\\\n  \\ -m ensurepip --user || apt-get install python3-pip\\nfi\\n"\n',
  ],
  [
    'long double-quoted unicode',
    'caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 ',
    'value: "caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n  \\ caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n  \\ caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n  \\ "\n',
  ],
  [
    'long JSON string',
    '[{"a": 1, "b": 2}, {"a": 10, "b": 20}, {"a": 100, "b": 200}, {"a": 1000, "b": 2000}]',
    'value: \'[{"a": 1, "b": 2}, {"a": 10, "b": 20}, {"a": 100, "b": 200}, {"a": 1000, "b":\n  2000}]\'\n',
  ],
  [
    'long with trailing space',
    'word word word word word word word word word word word word word word word word word word word word ',
    "value: 'word word word word word word word word word word word word word word word\n  word word word word word '\n",
  ],
];

/** `yaml.dump({'a': {'b': [{'c': text}]}})`: folding measured from a deeper indentation. */
const NESTED: readonly Case[] = [
  [
    'very long word',
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'a:\n  b:\n  - c: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
  ],
  [
    'long sentence',
    'This pipeline trains a model on the input dataset and then evaluates it against the held out split before pushing.',
    'a:\n  b:\n  - c: This pipeline trains a model on the input dataset and then evaluates it against\n      the held out split before pushing.\n',
  ],
  [
    'long sentence with double spaces',
    'word word word word word word word word word word word word word word  two  spaces  here and more words to pass the eighty column limit',
    'a:\n  b:\n  - c: word word word word word word word word word word word word word word  two  spaces  here\n      and more words to pass the eighty column limit\n',
  ],
  [
    'long sentence needing quotes',
    'key: This pipeline trains a model on the input dataset and then evaluates it against the held out split before pushing.',
    "a:\n  b:\n  - c: 'key: This pipeline trains a model on the input dataset and then evaluates\n      it against the held out split before pushing.'\n",
  ],
  [
    'long CEL condition',
    "int(inputs.parameter_values['pipelinechannel--flip-coin-Output']) > 5 && inputs.parameter_values['pipelinechannel--flip-coin-Output'] != 'tails'",
    "a:\n  b:\n  - c: int(inputs.parameter_values['pipelinechannel--flip-coin-Output']) > 5 && inputs.parameter_values['pipelinechannel--flip-coin-Output']\n      != 'tails'\n",
  ],
  [
    'long multi-line single-quoted',
    'program_path=$(mktemp -d)\n\nprintf "%s" "$0" > "$program_path/ephemeral_component.py"\n_KFP_RUNTIME=true python3 -m kfp.dsl.executor_main                         --component_module_path                         "$program_path/ephemeral_component.py"                         "$@"\n',
    'a:\n  b:\n  - c: \'program_path=$(mktemp -d)\n\n\n      printf "%s" "$0" > "$program_path/ephemeral_component.py"\n\n      _KFP_RUNTIME=true python3 -m kfp.dsl.executor_main                         --component_module_path                         "$program_path/ephemeral_component.py"                         "$@"\n\n      \'\n',
  ],
  [
    'long double-quoted with escapes',
    '\nif ! [ -x "$(command -v pip)" ]; then\n    python3 -m ensurepip || python3 -m ensurepip --user || apt-get install python3-pip\nfi\n',
    'a:\n  b:\n  - c: "\\nif ! [ -x \\"$(command -v pip)\\" ]; then\\n    python3 -m ensurepip || python3\\\n      \\ -m ensurepip --user || apt-get install python3-pip\\nfi\\n"\n',
  ],
  [
    'long double-quoted unicode',
    'caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 caf\u00e9 ',
    'a:\n  b:\n  - c: "caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n      \\ caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n      \\ caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n      \\ "\n',
  ],
  [
    'long JSON string',
    '[{"a": 1, "b": 2}, {"a": 10, "b": 20}, {"a": 100, "b": 200}, {"a": 1000, "b": 2000}]',
    'a:\n  b:\n  - c: \'[{"a": 1, "b": 2}, {"a": 10, "b": 20}, {"a": 100, "b": 200}, {"a": 1000, "b":\n      2000}]\'\n',
  ],
  [
    'long with trailing space',
    'word word word word word word word word word word word word word word word word word word word word ',
    "a:\n  b:\n  - c: 'word word word word word word word word word word word word word word word\n      word word word word word '\n",
  ],
];

/** `yaml.dump({text: 1.0})`: keys are never folded; empty, multi-line and 123+ character keys are complex. */
const AS_KEY: readonly Case[] = [
  ['plain key', 'name', 'name: 1.0\n'],
  ['numeric key', '1', "'1': 1.0\n"],
  ['key with colon space', 'a: b', "'a: b': 1.0\n"],
  ['key with tab', 'a\tb', '"a\\tb": 1.0\n'],
  ['empty key', '', "? ''\n: 1.0\n"],
  ['multi-line key', 'a\nb', "? 'a\n\n  b'\n: 1.0\n"],
  [
    '122-character key',
    'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk',
    'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 1.0\n',
  ],
  [
    '123-character key',
    'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk',
    '? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n: 1.0\n',
  ],
  [
    'long key with spaces',
    'word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word',
    '? word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n: 1.0\n',
  ],
];

/**
 * Strings PyYAML leaves plain although YAML 1.2 readers or the `yaml` package's YAML 1.1 schema read
 * them as numbers, booleans or dates. We quote them (the only difference from PyYAML's output).
 */
const QUOTED_FOR_OTHER_READERS: readonly Case[] = [
  ['YAML 1.2 int with leading zero', '09', "value: '09'\n"],
  ['YAML 1.2 float without dot', '1e3', "value: '1e3'\n"],
  ['YAML 1.2 octal', '0o17', "value: '0o17'\n"],
  ['one-letter bool y', 'y', "value: 'y'\n"],
  ['one-letter bool N', 'N', "value: 'N'\n"],
  ['lone dot', '.', "value: '.'\n"],
  ['sexagesimal starting with 0', '0:30', "value: '0:30'\n"],
  ['float exponent only', 'e5', "value: 'e5'\n"],
];

describe('scalar style and folding, as PyYAML', () => {
  it.each(AS_VALUE)('value: %s', (_name, text, expected) => {
    expect(emitKfpYaml({ value: text })).toBe(expected);
  });
  it.each(NESTED)('nested value: %s', (_name, text, expected) => {
    expect(emitKfpYaml({ a: { b: [{ c: text }] } })).toBe(expected);
  });
  it.each(AS_KEY)('key: %s', (_name, text, expected) => {
    expect(emitKfpYaml({ [text]: 1 })).toBe(expected);
  });
});

describe('strings quoted for readers other than PyYAML', () => {
  it.each(QUOTED_FOR_OTHER_READERS)('%s', (_name, text, expected) => {
    expect(emitKfpYaml({ value: text })).toBe(expected);
  });
});
