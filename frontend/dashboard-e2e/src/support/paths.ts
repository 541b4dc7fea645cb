import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const API_MAIN = join(REPO_ROOT, 'dist/backend/api/main.js');
export const DASHBOARD_DIR = join(REPO_ROOT, 'dist/frontend/dashboard/browser');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts/e2e');
export const BENCH_RESULTS_DIR = join(REPO_ROOT, 'bench-results');
