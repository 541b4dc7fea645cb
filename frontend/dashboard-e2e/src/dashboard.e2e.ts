/**
 * End-to-end tests of the built dashboard, served by the real built API (fresh SQLite, small demo
 * data), in Debian's headless Chromium. Run: `npx nx e2e dashboard-e2e` (builds api and dashboard
 * first). Screenshots go to test-artifacts/e2e/.
 *
 * Layout: one `describe` per feature area. A feature that has not landed yet is a `test.todo`
 * in its own block; replace it with a test when the feature exists.
 */
import { after, before, describe } from 'node:test';
import { afterTrainingTests } from './dashboard/after-training';
import { authAndAffinityTests } from './dashboard/auth-affinity';
import { dataPageTests } from './dashboard/data-page';
import { pageTests } from './dashboard/pages';
import { startSession, stopSession } from './support/dashboard-session';

// One server and browser for every topic, in this order: the topics before the training run
// see the demo data as seeded; the last one trains and checks what a run changes.
describe('Shelfcast dashboard e2e', () => {
  before(startSession);
  after(stopSession);
  pageTests();
  dataPageTests();
  authAndAffinityTests();
  afterTrainingTests();
});
