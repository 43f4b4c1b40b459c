// Components defined in their own module so the compiler can bundle them: the subprocess and
// docker tests run their real container command (node -e <bootstrap> <bundle>).
import { writeFileSync } from 'node:fs';
import { artifact, component, Dataset, param, pipeline } from '@kfp-ts/dsl';

export const shout = component({
  name: 'shout',
  inputs: { text: param.string(), times: param.int({ default: 2 }) },
  outputs: { Output: param.string(), data: artifact(Dataset) },
  run: ({ text, times }, { data }) => {
    console.log(`shouting ${JSON.stringify(text)} in pid ${process.pid}`);
    writeFileSync(data.path, text.toUpperCase().repeat(times));
    data.metadata.length = text.length * times;
    return { Output: `${text.toUpperCase()}!` };
  },
});

export const envReader = component({
  name: 'env_reader',
  outputs: { Output: param.string() },
  run: () => ({ Output: `${process.env.KFP_TS_GREETING ?? 'unset'} from ${process.pid}` }),
});

export const shouting = pipeline({ name: 'shouting', inputs: { text: param.string() } }, (p) => {
  const s = shout({ text: p.text });
  return { shouted: s.outputs.Output, data: s.outputs.data, env: envReader().set({ env: { KFP_TS_GREETING: 'hello' } }).output };
});
