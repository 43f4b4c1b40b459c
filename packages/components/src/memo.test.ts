import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readCsv } from '@kfp-ts/ml';
import { afterEach, describe, expect, it } from 'vitest';
import { readDataset } from './io.js';
import { derived, designMatrix, fittedVectorizer } from './memo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function csvFile(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kfp-ts-memo-'));
  dirs.push(dir);
  const file = path.join(dir, 'data.csv');
  writeFileSync(file, text);
  return file;
}

describe('work shared by the tasks of one process', () => {
  it('parses a dataset file once, and again once the file is rewritten', () => {
    const file = csvFile('a,b\n1,x\n2,y\n');
    const first = readDataset({ path: file, metadata: {} });
    expect(readDataset({ path: file, metadata: {} })).toBe(first);
    writeFileSync(file, 'a,b\n1,x\n2,y\n3,z\n');
    const second = readDataset({ path: file, metadata: {} });
    expect(second).not.toBe(first);
    expect(second.rowCount).toBe(3);
  });

  it('parses again when the column types differ', () => {
    const file = csvFile('code,b\n100,x\n200,y\n');
    const numbers = readDataset({ path: file, metadata: {} });
    const text = readDataset({ path: file, metadata: { column_types: { code: 'string', b: 'string' } } });
    expect(numbers.column('code').kind).toBe('number');
    expect(text.column('code').kind).toBe('string');
  });

  it('fits one vectorizer per frame and feature list, and one matrix per layout', () => {
    const frame = readCsv(Buffer.from('n,c\n1,x\n2,y\n3,x\n'));
    const vectorizer = fittedVectorizer(frame, ['n', 'c']);
    expect(fittedVectorizer(frame, ['n', 'c'])).toBe(vectorizer);
    expect(fittedVectorizer(frame, ['c'])).not.toBe(vectorizer);
    const sparse = designMatrix(vectorizer, frame, true);
    expect(designMatrix(vectorizer, frame, true)).toBe(sparse);
    expect(sparse.kind).toBe('csr');
    expect(designMatrix(vectorizer, frame, false).kind).toBe('dense');
  });

  it('computes a derived value once per owner and key', () => {
    const owner = {};
    let calls = 0;
    const compute = () => ++calls;
    expect(derived(owner, 'k', compute)).toBe(1);
    expect(derived(owner, 'k', compute)).toBe(1);
    expect(derived(owner, 'other', compute)).toBe(2);
    expect(derived({}, 'k', compute)).toBe(3);
  });
});
