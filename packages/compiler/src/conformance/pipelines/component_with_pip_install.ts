// Port of test_data/sdk_compiled_pipelines/valid/essential/component_with_pip_install.py: a
// component compiled on its own. The Python installs `yapf` from a pip index at run time
// (`packages_to_install`, `pip_index_urls`), which only changes the Python executor's command;
// a TypeScript component brings its dependencies in its image, so there is nothing to port but
// the component, and the executor is compared by shape (see compare.ts).
import { component } from '@kfp-ts/dsl';

export const target = component({
  name: 'component_with_pip_install',
  run: () => {
    console.log(Object.keys(process.versions));
  },
});
