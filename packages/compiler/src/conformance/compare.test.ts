import { describe, expect, it } from 'vitest';
import { compareToGolden } from './compare.js';

describe('compareToGolden', () => {
  const lightweightCommand = [
    'sh',
    '-c',
    'pip install kfp',
    'sh',
    '-ec',
    'python3 -m kfp.dsl.executor_main "$@"',
    'def add_numbers(): ...',
  ];
  const golden = {
    components: {
      'comp-add-numbers': {
        executorLabel: 'exec-add-numbers',
        inputDefinitions: { parameters: { a: { parameterType: 'NUMBER_INTEGER', defaultValue: 2 } } },
      },
    },
    deploymentSpec: {
      executors: {
        'exec-add-numbers': {
          container: {
            image: 'python:3.11',
            command: lightweightCommand,
            args: ['--executor_input', '{{$}}', '--function_to_execute', 'add_numbers'],
            env: [{ name: 'A', value: '1' }],
          },
        },
        'exec-echo': { container: { image: 'alpine', command: ['echo', 'hi'] } },
      },
    },
    pipelineInfo: { name: 'p' },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.6',
  };
  const ours = () => structuredClone(golden) as any;

  it('accepts an equal document', () => {
    expect(compareToGolden(ours(), golden)).toEqual([]);
  });

  it('ignores sdkVersion and compares numbers as numbers', () => {
    const o = ours();
    o.sdkVersion = 'kfp-ts-0.1.0';
    o.components['comp-add-numbers'].inputDefinitions.parameters.a.defaultValue = 2.0;
    expect(compareToGolden(o, golden)).toEqual([]);
    delete o.sdkVersion;
    expect(compareToGolden(o, golden)).toEqual([]);
  });

  it('reports a changed value, a missing key and an extra key', () => {
    const o = ours();
    o.components['comp-add-numbers'].inputDefinitions.parameters.a.parameterType = 'NUMBER_DOUBLE';
    delete o.pipelineInfo.name;
    o.pipelineInfo.displayName = 'P';
    o.components['comp-add-numbers'].inputDefinitions.parameters.a.defaultValue = '2';
    expect(compareToGolden(o, golden)).toEqual([
      {
        path: 'components.comp-add-numbers.inputDefinitions.parameters.a.defaultValue',
        message: 'expected 2, got "2"',
      },
      {
        path: 'components.comp-add-numbers.inputDefinitions.parameters.a.parameterType',
        message: 'expected "NUMBER_INTEGER", got "NUMBER_DOUBLE"',
      },
      { path: 'pipelineInfo.displayName', message: 'unexpected key' },
      { path: 'pipelineInfo.name', message: 'missing' },
    ]);
  });

  it('compares lightweight executors by shape', () => {
    const o = ours();
    const container = o.deploymentSpec.executors['exec-add-numbers'].container;
    container.image = 'node:22-slim';
    container.command = ['node', '/kfp-ts/executor.js'];
    container.args[3] = 'add-numbers';
    expect(compareToGolden(o, golden)).toEqual([]);

    container.args[3] = 'add_numbers_v2';
    container.args.push('--extra');
    container.command = [];
    delete container.image;
    container.env[0].value = '2';
    expect(compareToGolden(o, golden)).toEqual([
      {
        path: 'deploymentSpec.executors.exec-add-numbers.container.image',
        message: 'expected an image string, got nothing',
      },
      {
        path: 'deploymentSpec.executors.exec-add-numbers.container.command',
        message: 'expected a non-empty list of strings, got []',
      },
      {
        path: 'deploymentSpec.executors.exec-add-numbers.container.args[3]',
        message: 'expected "add_numbers", got "add_numbers_v2"',
      },
      { path: 'deploymentSpec.executors.exec-add-numbers.container.args[4]', message: 'unexpected element' },
      {
        path: 'deploymentSpec.executors.exec-add-numbers.container.env[0].value',
        message: 'expected "1", got "2"',
      },
    ]);
  });

  it('compares container-component executors exactly', () => {
    const o = ours();
    o.deploymentSpec.executors['exec-echo'].container.command = ['echo', 'hello'];
    o.deploymentSpec.executors['exec-echo'].container.args = [];
    expect(compareToGolden(o, golden)).toEqual([
      { path: 'deploymentSpec.executors.exec-echo.container.args', message: 'unexpected key' },
      {
        path: 'deploymentSpec.executors.exec-echo.container.command[1]',
        message: 'expected "hi", got "hello"',
      },
    ]);
  });
});
