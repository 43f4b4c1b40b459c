// The terminal reporter: plain lines for CI, a live block redrawn in place on a TTY, the summary.
import { artifact, component, Metrics, param, pipeline } from '@kfp-ts/dsl';
import { describe, expect, it } from 'vitest';
import { createConsoleReporter, formatSummary, runPipeline } from './index.js';

const evaluate = component({
  name: 'evaluate',
  outputs: { auc: param.float(), metrics: artifact(Metrics) },
  run: (_i, { metrics }) => {
    metrics.metadata.auc = 0.91;
    metrics.metadata.f1 = 0.8;
    return { auc: 0.91 };
  },
});
const explode = component({
  name: 'explode',
  run: () => {
    console.log('loading model');
    throw new Error('out of memory');
  },
});
const later = component({ name: 'later', run: () => {} });
const demo = pipeline({ name: 'demo' }, () => {
  const e = evaluate();
  later().after(explode());
  return e.outputs.auc;
});

async function capture(tty: boolean) {
  let text = '';
  const reporter = createConsoleReporter({ tty, color: false, write: (t) => (text += t) });
  const result = await runPipeline(demo, {}, { onEvent: reporter.onEvent });
  return { text, result };
}

describe('createConsoleReporter', () => {
  it('prints plain lines without escape codes when not on a TTY', async () => {
    const { text } = await capture(false);
    expect(text).not.toContain('\x1b[');
    expect(text).toMatch(/^Running demo → .*demo-/m);
    expect(text).toMatch(/^▶ evaluate \[in-process\]$/m);
    expect(text).toMatch(/^✓ evaluate \d+ms$/m);
    expect(text).toMatch(/^✗ explode: .*out of memory$/m);
    expect(text).toMatch(/^○ later not triggered: upstream task 'explode' failed\.$/m);
  });

  it('redraws a live block in place on a TTY and clears it before the summary', async () => {
    const { text } = await capture(true);
    // Cursor up N lines (ESC [ N F), then clear to the end of the screen (ESC [ J).
    const ESC = String.fromCharCode(27);
    expect(text.split(`${ESC}[J`).length).toBeGreaterThan(1);
    expect(text.includes(`${ESC}[1F${ESC}[J`) || text.includes(`${ESC}[2F${ESC}[J`)).toBe(true);
    expect(text).not.toMatch(/▶ evaluate \[in-process\]/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/\| loading model/);
  });

  it('ends with a summary: state, counts, outputs, metrics and the failure with its log', async () => {
    const { result } = await capture(false);
    const summary = formatSummary(result);
    expect(summary).toContain('demo FAILED in');
    expect(summary).toContain('1 succeeded · 1 failed · 1 not run');
    expect(summary).toContain('Output = 0.91');
    expect(summary).toContain('evaluate/metrics: auc=0.91, f1=0.8');
    expect(summary).toMatch(/✗ explode: .*out of memory\n {4}\| loading model/);
  });
});
