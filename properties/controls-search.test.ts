// Every negative control is refuted by the search (properties/support/controlsSearch.ts); the slow
// statistical claims (SLOW_CONTROL_CLAIMS) have a file each, so that the workers share them.
import { describeControlSearch, SLOW_CONTROL_CLAIMS } from './support/controlsSearch.js';

describeControlSearch((id) => !SLOW_CONTROL_CLAIMS.includes(id));
