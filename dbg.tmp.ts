import fc from 'fast-check';
import { checkTheorem } from './theorems/check.js';
import { corollary2 } from './theorems/mv/corollary2.js';
const s = fc.sample(corollary2.arbitrary(), { seed: 21, numRuns: 100 });
let withHalf = 0, total = 0;
for (const i of s) { const r = checkTheorem(corollary2, i); const h = (r.verdict!.details.halfTimes as (number|null)[]).filter(x => x !== null).length; withHalf += h > 0 ? 1 : 0; total += h; }
console.log('instances with ≥1 half-height check', withHalf, 'total half-time checks', total);
const r = checkTheorem(corollary2, s[3]); console.log(JSON.stringify(s[3]), r.status, r.verdict);
const c = checkTheorem(corollary2.negativeControls[1].theorem, s[3]); console.log(c.status, c.verdict!.worst, c.verdict!.margin);
