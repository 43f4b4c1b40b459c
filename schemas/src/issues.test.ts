import { describe, expect, it } from 'vitest';
import { formatPath, sortIssues } from './issues.js';
import { closestKey } from './zod-helpers.js';

describe('formatPath', () => {
  it('joins plain keys with dots and indices with brackets', () => {
    expect(formatPath(['root', 'dag', 'tasks', 'train', 'inputs', 'parameters', 'lr'])).toBe(
      'root.dag.tasks.train.inputs.parameters.lr',
    );
    expect(formatPath(['deploymentSpec', 'executors', 'exec-train', 'container', 'args', 2])).toBe(
      'deploymentSpec.executors.exec-train.container.args[2]',
    );
    expect(
      formatPath(['components', 'comp-for-loop-2', 'inputDefinitions', 'parameters', 'pipelinechannel--x']),
    ).toBe('components.comp-for-loop-2.inputDefinitions.parameters.pipelinechannel--x');
  });

  it('bracket-quotes keys with dots, spaces, quotes or leading digits', () => {
    expect(formatPath(['a', 'b.c', 'd e', 'say "hi"', '0', 'ok_1'])).toBe(
      'a["b.c"]["d e"]["say \\"hi\\""]["0"].ok_1',
    );
    expect(formatPath([0, 'x'])).toBe('[0].x');
    expect(formatPath(['', 'x'])).toBe('[""].x');
  });

  it('names the document root for an empty path', () => {
    expect(formatPath([])).toBe('(document root)');
  });
});

describe('sortIssues', () => {
  it('orders by path segments, numbers numerically, parents first, ties stable', () => {
    const issue = (path: (string | number)[], message = '') => ({
      path,
      pathText: formatPath(path),
      message,
    });
    const sorted = sortIssues([
      issue(['root', 'b']),
      issue(['args', 10]),
      issue(['args', 2]),
      issue(['root'], 'first'),
      issue(['root'], 'second'),
      issue(['components']),
    ]);
    expect(sorted.map((i) => `${i.pathText}${i.message}`)).toEqual([
      'args[2]',
      'args[10]',
      'components',
      'rootfirst',
      'rootsecond',
      'root.b',
    ]);
  });
});

describe('closestKey', () => {
  const taskKeys = [
    'taskInfo',
    'componentRef',
    'inputs',
    'dependentTasks',
    'cachingOptions',
    'triggerPolicy',
  ];

  it('suggests the key a typo was meant to be', () => {
    expect(closestKey('componentRf', taskKeys)).toBe('componentRef');
    expect(closestKey('dependantTasks', taskKeys)).toBe('dependentTasks');
    expect(closestKey('CachingOptions', taskKeys)).toBe('cachingOptions');
  });

  it('suggests a key that contains the name', () => {
    expect(closestKey('message', ['pipelinechannel--message', 'other'])).toBe('pipelinechannel--message');
  });

  it('suggests nothing for unrelated names', () => {
    expect(closestKey('volumes', taskKeys)).toBeUndefined();
    expect(closestKey('x', taskKeys)).toBeUndefined();
  });
});
