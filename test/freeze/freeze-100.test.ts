/** The freeze over 100 open PRs under GitHub's secondary limits; the 1,000-PR run is in `npm run test:scale`. */
import { describeFreezeAtScale } from './freeze-at-scale.js';

describeFreezeAtScale(100);
