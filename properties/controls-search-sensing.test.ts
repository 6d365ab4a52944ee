// The negative controls of cgmr.sensing, refuted by the search (properties/support/controlsSearch.ts).
import { describeControlSearch } from './support/controlsSearch.js';

describeControlSearch((id) => id === 'cgmr.sensing');
