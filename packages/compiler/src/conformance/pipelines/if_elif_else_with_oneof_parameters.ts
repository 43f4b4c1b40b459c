// Port of test_data/sdk_compiled_pipelines/valid/if_elif_else_with_oneof_parameters.py:
// If/Elif/Else (condition-branches), oneOf over the branches' outputs, and the pipeline holding
// them used as a task of an outer pipeline.
import { component, eq, If, oneOf, param, pipeline } from '@kfp-ts/dsl';

const flipThreeSidedDie = component({
  name: 'flip_three_sided_die',
  outputs: { Output: param.string() },
  run: () => ({ Output: ['heads', 'tails', 'draw'][Math.floor(Math.random() * 3)]! }),
});

const printAndReturn = component({
  name: 'print_and_return',
  inputs: { text: param.string() },
  outputs: { Output: param.string() },
  run: ({ text }) => {
    console.log(text);
    return { Output: text };
  },
});

const specialPrintAndReturn = component({
  name: 'special_print_and_return',
  inputs: { text: param.string() },
  outputs: { output_key: param.string() },
  run: ({ text }) => {
    console.log('Got the special state:', text);
    return { output_key: text };
  },
});

const rollDiePipeline = pipeline({ name: 'roll-die-pipeline' }, () => {
  const flip = flipThreeSidedDie();
  const chain = If(eq(flip.output, 'heads'), () => printAndReturn({ text: 'Got heads!' }).output)
    .Elif(eq(flip.output, 'tails'), () => printAndReturn({ text: 'Got tails!' }).output)
    .Else(() => specialPrintAndReturn({ text: 'Draw!' }).outputs.output_key);
  const [heads, tails, draw] = chain.results;
  return oneOf(heads!, tails!, draw!);
});

export const target = pipeline({ name: 'outer-pipeline' }, () => {
  const roll = rollDiePipeline();
  return printAndReturn({ text: roll.output }).output;
});
