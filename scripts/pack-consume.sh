#!/bin/sh
# Pack-and-consume check (run by .ci/run): `npm pack` the package, check what the tarball holds,
# install it into a fresh temporary project (dependencies from the npm cache or registry), then run
# the CLI, a plain-Node ESM import and a TypeScript consumer compiled with strict,
# noUncheckedIndexedAccess, exactOptionalPropertyTypes and skipLibCheck false.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dmf-pack-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "pack-consume: $*" >&2; exit 1; }

cd "$root"
version=$(node -p "require('./package.json').version")
tgz=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
[ -f "$tmp/$tgz" ] || fail "npm pack produced no tarball"
tar -tzf "$tmp/$tgz" | sed 's|^package/||' | sort > "$tmp/contents.txt"
bad=$(grep -E '\.test\.|testSupport|^fixtures/|^\.ci/|^properties/|^bench/|^scripts/|\.map$|^src/|^theorems/|(^|/)[^/]*[^d]\.ts$|dbg' "$tmp/contents.txt" || true)
[ -z "$bad" ] || fail "the tarball holds files users do not need: $(echo $bad | head -c 300)"
for f in package.json README.md dist/src/index.js dist/src/index.d.ts dist/src/cli/bin.js dist/theorems/registry.js dist/theorems/registry.d.ts; do
  grep -qx "$f" "$tmp/contents.txt" || fail "the tarball lacks $f"
done
for f in LICENSE CITATION.cff; do
  if [ -f "$f" ]; then grep -qx "$f" "$tmp/contents.txt" || fail "the tarball lacks $f"; fi
done
echo "pack-consume: $tgz: $(wc -l < "$tmp/contents.txt") files, $(wc -c < "$tmp/$tgz") bytes"

mkdir "$tmp/app"
cd "$tmp/app"
printf '{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }\n' > package.json
npm install --silent --no-audit --no-fund --prefer-offline "$tmp/$tgz" >/dev/null

# The CLI.
v=$(npx --no-install dmf-check --version)
[ "$v" = "$version" ] || fail "dmf-check --version printed '$v', expected '$version'"
out=$(printf '%s' '{"model":"symmetric","method":"closed-form","target":[[2,0],[0,1]],"init":{"kind":"aligned","scale":0.01,"shape":[1,1]},"times":[0,1]}' | npx --no-install dmf-check solve)
printf '%s' "$out" | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (r.snapshots.length !== 2 || r.diagnostics.version !== process.argv[1]) { console.error("bad solve output"); process.exit(1); }
' "$version" || fail "solve through the installed CLI"
npx --no-install dmf-check solve --help | grep -q '^Usage: dmf-check solve' || fail "solve --help"

# Plain Node, ESM.
cat > plain.mjs <<'JS'
import { solve, THEOREMS, checkTheorem, logisticMode } from 'dmf-check';
import { THEOREMS as registry } from 'dmf-check/theorems';
const r = solve({ model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[0.1]] }, times: [1] });
const w = r.snapshots[0].matrix[0][0];
if (Math.abs(w - logisticMode(1, 0.01, 1)) > 1e-14) throw new Error(`solve gave ${w}`);
if (registry !== THEOREMS || THEOREMS.length === 0 || typeof checkTheorem !== 'function') throw new Error('registry');
console.log(`plain ESM import: solve and ${THEOREMS.length} theorems`);
JS
node plain.mjs

# TypeScript consumer with strict flags, checking the shipped declarations (skipLibCheck false).
cat > consumer.ts <<'TS'
import { type CheckResult, type Problem, type SolveResult, type Theorem, THEOREMS, checkTheorem, solve, theoremById } from 'dmf-check';
import { THEOREMS as registry } from 'dmf-check/theorems';

const problem: Problem = { model: 'symmetric', method: 'closed-form', target: [[2, 0], [0, 1]], init: { factor: [[0.1], [0.2]] }, times: [0, 1], levels: [0.5] };
const result: SolveResult = solve(problem);
const first = result.snapshots[0];
if (first === undefined) throw new Error('no snapshot');
const rank: number = first.effectiveRank;
const theorem: Theorem<unknown> | undefined = theoremById(registry[0]?.id ?? '');
const statuses: CheckResult['status'][] = [];
for (const t of THEOREMS) void t.id;
if (theorem) void theorem.title;
console.log(`TypeScript consumer: effective rank ${rank.toFixed(3)}, ${THEOREMS.length} theorems, ${statuses.length} checked`, typeof checkTheorem);
TS
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
    "strict": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true,
    "skipLibCheck": false, "types": [], "outDir": "out"
  },
  "files": ["consumer.ts"]
}
JSON
node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json || fail "the TypeScript consumer does not compile against the shipped declarations"
node out/consumer.js
echo "pack-consume: ok"
