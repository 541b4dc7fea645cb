// Runs TypeScript entry points (CLI, benchmarks, migrations) straight from source:
// ts-node in transpile-only mode plus the workspace's path aliases (@shelfcast/*).
process.env.TS_NODE_PROJECT = require('path').join(__dirname, 'tsconfig.json');
require('ts-node/register');
require('tsconfig-paths/register');
