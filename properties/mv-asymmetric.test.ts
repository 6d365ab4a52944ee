/** The balanced asymmetric extension of [MV] (theorems/mv/asymmetric.ts, derived). */
import { describe } from 'vitest';
import { asymmetricBalanced } from '../theorems/mv/asymmetric.js';
import { itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

describe('[MV] balanced asymmetric extension (derived)', () => {
  itHolds(asymmetricBalanced, 71);
  itRefutesControls(asymmetricBalanced, 72);
  itRefutesNearMisses(asymmetricBalanced, 71);
  itExploresBoundary(asymmetricBalanced, 73, 20);
});
