// Port of test_data/sdk_compiled_pipelines/valid/essential/pipeline_with_after.py: ordering
// without data dependencies (`after`). The Python loads the container component from v1 YAML
// text; it is written here by hand with containerComponent.
import { containerComponent, param, pipeline } from '@kfp-ts/dsl';

const printText = containerComponent({
  name: 'Print Text',
  inputs: { text: param.string() },
  image: 'alpine',
  command: (i) => ['sh', '-c', 'set -e -x\necho "$0"\n', i.text],
});

export const target = pipeline({ name: 'pipeline-with-after' }, () => {
  const task1 = printText({ text: '1st task' });
  const task2 = printText({ text: '2nd task' }).after(task1);
  printText({ text: '3rd task' }).after(task1, task2);
});
