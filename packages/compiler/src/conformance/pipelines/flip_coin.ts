// Port of test_data/sdk_compiled_pipelines/valid/critical/flip_coin.py: nested If blocks with
// string and int conditions, a channel inside a string (template literal), caching disabled.
import { component, eq, gt, If, le, param, pipeline } from '@kfp-ts/dsl';

const randomInt = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

const randomNum = component({
  name: 'random_num',
  description: 'Generate a random number between low and high.',
  inputs: { low: param.int(), high: param.int() },
  outputs: { Output: param.int() },
  run: ({ low, high }) => {
    const result = randomInt(low, high);
    console.log(result);
    return { Output: result };
  },
});

const flipCoin = component({
  name: 'flip_coin',
  description: 'Flip a coin and output heads or tails randomly.',
  outputs: { Output: param.string() },
  run: () => {
    const result = randomInt(0, 1) === 0 ? 'heads' : 'tails';
    console.log(result);
    return { Output: result };
  },
});

const printMsg = component({
  name: 'print_msg',
  description: 'Print a message.',
  inputs: { msg: param.string() },
  run: ({ msg }) => {
    console.log(msg);
  },
});

export const target = pipeline(
  { name: 'conditional-execution-pipeline', description: 'Shows how to use dsl.If().' },
  () => {
    const flip = flipCoin().set({ caching: false });
    If(eq(flip.output, 'heads'), () => {
      const head = randomNum({ low: 0, high: 9 }).set({ caching: false });
      If(gt(head.output, 5), () => {
        printMsg({ msg: `heads and ${head.output} > 5!` }).set({ caching: false });
      });
      If(le(head.output, 5), () => {
        printMsg({ msg: `heads and ${head.output} <= 5!` }).set({ caching: false });
      });
    });
    If(eq(flip.output, 'tails'), () => {
      const tail = randomNum({ low: 10, high: 19 }).set({ caching: false });
      If(gt(tail.output, 15), () => {
        printMsg({ msg: `tails and ${tail.output} > 15!` }).set({ caching: false });
      });
      If(le(tail.output, 15), () => {
        printMsg({ msg: `tails and ${tail.output} <= 15!` }).set({ caching: false });
      });
    });
  },
);
