import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { positionOfPath } from './yaml-locations.js';

const text = `# comment
root:
  dag:
    tasks:
      train:
        componentRef:
          name: comp-train
        dependentTasks:
        - prepare
        - split
schemaVersion: 2.1.0
`;

describe('positionOfPath', () => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (...path: (string | number)[]) => positionOfPath(doc, path, lineCounter);

  it('points at the key of a mapping entry', () => {
    expect(at('root', 'dag', 'tasks', 'train', 'componentRef', 'name')).toEqual({ line: 7, col: 11 });
    expect(at('schemaVersion')).toEqual({ line: 11, col: 1 });
  });

  it('points at an item of a list', () => {
    expect(at('root', 'dag', 'tasks', 'train', 'dependentTasks', 1)).toEqual({ line: 10, col: 11 });
  });

  it('stops at the deepest existing part of a path that leaves the document', () => {
    expect(at('root', 'dag', 'tasks', 'train', 'taskInfo', 'name')).toEqual({ line: 5, col: 7 });
    expect(at('root', 'dag', 'tasks', 'train', 'dependentTasks', 7)).toEqual({ line: 8, col: 9 });
  });

  it('puts the document root at its first node', () => {
    expect(at()).toEqual({ line: 2, col: 1 });
  });
});
