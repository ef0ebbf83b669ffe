// Rollup with @rollup/plugin-node-resolve (Rollup itself resolves no packages), for the
// browser: the package's default entry is one ES module that imports nothing.
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'browser/main.js',
  output: { file: 'dist/main.js', format: 'es' },
  plugins: [nodeResolve({ browser: true })],
};
