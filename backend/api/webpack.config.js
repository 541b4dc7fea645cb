const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/backend/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
  // A second entry: the training worker thread's script (dist/backend/api/training-worker.js),
  // which the worker pool loads next to main.js (see training/engine/worker-pool.ts).
  entry: {
    // The training worker process (`npm run worker`, `node worker.js` in the image): consumes the
    // shards a QUEUE=redis API enqueues, with the same engine and training-worker.js threads.
    worker: './src/worker.main.ts',
    'training-worker': './src/training/engine/training.worker.ts',
    // The affinity computation's worker thread (see affinity/affinity-worker-runner.ts).
    'affinity-worker': './src/affinity/affinity.worker.ts',
    // The reconciled forecasts by level (see forecasts/levels/level-worker-runner.ts).
    'levels-worker': './src/forecasts/levels/levels.worker.ts',
  },
};
