// The negative controls of cgmr.randomInit, refuted by the search (properties/support/controlsSearch.ts).
import { describeControlSearch } from './support/controlsSearch.js';

describeControlSearch((id) => id === 'cgmr.randomInit');
