// Expected headers follow KFP's `extract_comments_from_pipeline_spec`; the long one was checked by
// running that function's logic in Python on the same spec.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pipelineHeader, toKfpYaml } from './header.js';
import { pythonRepr, pythonStr, pythonStringRepr } from './python-repr.js';

const artifact = (schemaTitle: string) => ({ artifactType: { schemaTitle, schemaVersion: '0.0.1' } });

describe('pipelineHeader', () => {
  it('writes only the name when there is no description and there are no definitions', () => {
    expect(pipelineHeader({ pipelineInfo: { name: 'p' }, root: {} })).toBe(
      '# PIPELINE DEFINITION\n# Name: p\n',
    );
    expect(pipelineHeader({ pipelineInfo: { name: 'p', description: '' }, root: {} })).toBe(
      '# PIPELINE DEFINITION\n# Name: p\n',
    );
  });

  it('writes a heading for definitions that exist even when they are empty', () => {
    expect(pipelineHeader({ pipelineInfo: { name: 'p' }, root: { inputDefinitions: {} } })).toBe(
      '# PIPELINE DEFINITION\n# Name: p\n# Inputs:\n',
    );
  });

  it('merges parameters and artifacts, sorts them by name and formats defaults as Python str()', () => {
    const spec = {
      pipelineInfo: { name: 'my-pipeline', description: 'First line.\nSecond line.\r\n\n  Indented.\n' },
      root: {
        inputDefinitions: {
          parameters: {
            text: { parameterType: 'STRING', defaultValue: `it's "quoted"` },
            count: { parameterType: 'NUMBER_INTEGER', defaultValue: 2 },
            rate: { parameterType: 'NUMBER_DOUBLE', defaultValue: 1e-5 },
            flag: { parameterType: 'BOOLEAN', defaultValue: false },
            items: { parameterType: 'LIST', defaultValue: ['a', "it's", 1, null, true, { k: 'v\té' }] },
            config: { parameterType: 'STRUCT', defaultValue: { B: 2, A: { x: [1.5] } } },
            empty_list: { parameterType: 'LIST', defaultValue: [] },
            status: { parameterType: 'TASK_FINAL_STATUS' },
            task_config: { parameterType: 'TASK_CONFIG' },
            Upper: { parameterType: 'STRING' },
          },
          artifacts: {
            dataset: artifact('system.Dataset'),
            model: { ...artifact('google.VertexModel'), isArtifactList: true },
          },
        },
        outputDefinitions: {
          artifacts: { metrics: artifact('system.Metrics') },
          parameters: { Output: { parameterType: 'STRING' } },
        },
      },
    };
    expect(pipelineHeader(spec)).toBe(
      [
        '# PIPELINE DEFINITION',
        '# Name: my-pipeline',
        '# Description: First line.',
        '#              Second line.',
        '#              ',
        '#                Indented.',
        '# Inputs:',
        '#    Upper: str',
        "#    config: dict [Default: {'A': {'x': [1.5]}, 'B': 2.0}]",
        '#    count: int [Default: 2.0]',
        '#    dataset: system.Dataset',
        '#    empty_list: list [Default: []]',
        '#    flag: bool [Default: False]',
        `#    items: list [Default: ['a', "it's", 1.0, None, True, {'k': 'v\\té'}]]`,
        '#    model: google.VertexModel',
        '#    rate: float [Default: 1e-05]',
        '#    status: PipelineTaskFinalStatus',
        '#    task_config: TaskConfig',
        `#    text: str [Default: 'it's "quoted"']`,
        '# Outputs:',
        '#    Output: str',
        '#    metrics: system.Metrics',
        '',
      ].join('\n'),
    );
  });

  it('keeps a multi-line string default inside the comment (KFP would break the file here)', () => {
    const spec = {
      pipelineInfo: { name: 'p' },
      root: {
        inputDefinitions: {
          parameters: { q: { parameterType: 'STRING', defaultValue: 'SELECT *\nFROM t' } },
        },
      },
    };
    const text = toKfpYaml(spec);
    expect(
      text.startsWith(
        "# PIPELINE DEFINITION\n# Name: p\n# Inputs:\n#    q: str [Default: 'SELECT *\n#              FROM t']\n",
      ),
    ).toBe(true);
    expect(parse(text)).toEqual(spec);
  });

  it('fails where KFP fails: no name, an unknown parameter type or an artifact without schemaTitle', () => {
    expect(() => pipelineHeader({ root: {} })).toThrow(/name/);
    const withParameter = (parameter: unknown) => ({
      pipelineInfo: { name: 'p' },
      root: { inputDefinitions: { parameters: { x: parameter } } },
    });
    expect(() => pipelineHeader(withParameter({}))).toThrow(/parameterType/);
    expect(() => pipelineHeader(withParameter({ parameterType: 'NUMBER' }))).toThrow(/parameterType/);
    expect(() =>
      pipelineHeader({ pipelineInfo: { name: 'p' }, root: { outputDefinitions: { artifacts: { a: {} } } } }),
    ).toThrow(/schemaTitle/);
  });
});

describe('toKfpYaml', () => {
  const spec = { pipelineInfo: { name: 'p' }, root: {}, schemaVersion: '2.1.0' };

  it('is the header followed by the document', () => {
    expect(toKfpYaml(spec)).toBe(
      '# PIPELINE DEFINITION\n# Name: p\npipelineInfo:\n  name: p\nroot: {}\nschemaVersion: 2.1.0\n',
    );
  });

  it('adds the PlatformSpec as a second document only when it has platforms', () => {
    const platformSpec = { platforms: { kubernetes: { pipelineConfig: { workspace: { size: '1Gi' } } } } };
    expect(toKfpYaml(spec, platformSpec)).toBe(
      '# PIPELINE DEFINITION\n# Name: p\npipelineInfo:\n  name: p\nroot: {}\nschemaVersion: 2.1.0\n' +
        '---\nplatforms:\n  kubernetes:\n    pipelineConfig:\n      workspace:\n        size: 1Gi\n',
    );
    expect(toKfpYaml(spec, { platforms: {} })).toBe(toKfpYaml(spec));
  });
});

describe('Python repr', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", `"it's"`],
    [`it's "x"`, `'it\\'s "x"'`],
    ['say "hi"', `'say "hi"'`],
    ['back\\slash', "'back\\\\slash'"],
    ['tab\tnewline\ncr\r', "'tab\\tnewline\\ncr\\r'"],
    ['\x00\x1f\x7f\x85\xa0', "'\\x00\\x1f\\x7f\\x85\\xa0'"],
    ['é中😀', "'é中😀'"],
    ['\u200b\ufeff\u2028\u3000', "'\\u200b\\ufeff\\u2028\\u3000'"],
    ['\ud800', "'\\ud800'"],
    ['\u{e0001}', "'\\U000e0001'"],
  ])('repr(%j)', (text, expected) => {
    expect(pythonStringRepr(text)).toBe(expected);
  });

  it('formats nested values, bigints and top-level strings', () => {
    expect(pythonRepr({ b: [1, 'x', null, true, { c: 1e-5 }], a: 2n })).toBe(
      "{'a': 2, 'b': [1.0, 'x', None, True, {'c': 1e-05}]}",
    );
    expect(pythonStr('text')).toBe('text');
    expect(pythonStr(Number.NaN)).toBe('nan');
  });
});
