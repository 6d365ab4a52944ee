/** [MV] Corollary 2 (theorems/mv/corollary2.ts): the claim on random instances, and its negative controls. */
import { describe } from 'vitest';
import { corollary2 } from '../theorems/mv/corollary2.js';
import { itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

describe('[MV] Corollary 2', () => {
  itHolds(corollary2, 21);
  itRefutesControls(corollary2, 22);
  itRefutesNearMisses(corollary2, 21);
  itExploresBoundary(corollary2, 23);
});
