/**
 * The package version, read from the package's own package.json (the nearest one named
 * "dmf-check" above this module, so it works from the sources, from dist/ and when installed).
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'dmf-check' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // no package.json here: look further up
    }
    dir = new URL('../', dir);
  }
  return (cached = 'unknown');
}
