/** The freeze over 1,000 open PRs, where GitHub's hourly write limit binds (`npm run test:scale`, a few minutes). */
import { describeFreezeAtScale } from './freeze-at-scale.js';

describeFreezeAtScale(1000);
