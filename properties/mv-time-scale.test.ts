/** [MV] time-scale separation (theorems/mv/timeScale.ts). */
import { describe } from 'vitest';
import { timeScale } from '../theorems/mv/timeScale.js';
import { itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

describe('[MV] time-scale separation', () => {
  itHolds(timeScale, 61);
  itRefutesControls(timeScale, 62);
  itRefutesNearMisses(timeScale, 61);
  itExploresBoundary(timeScale, 63);
});
