// webpack 5 with the smallest configuration an app has (entry, output, mode): nothing for
// this package. Prints webpack's warnings (e.g. its 244 KiB size hint), fails on errors.
import path from 'node:path';
import webpack from 'webpack';

const compiler = webpack({
  mode: 'production',
  entry: './browser/main.js',
  output: { path: path.resolve('dist'), filename: 'main.js' },
});
compiler.run((err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString('errors-only'));
    process.exit(1);
  }
  // One line: the warnings' titles (the text before the first colon).
  const titles = stats.compilation.warnings.map((w) => w.message.split(':')[0].trim());
  if (titles.length) console.log(`webpack warned: ${titles.join('; ')}`);
  compiler.close(() => {});
});
