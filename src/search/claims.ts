/**
 * Claims by address: the registry's theorems plus those of user modules (`--theorems FILE`), and
 * their negative controls addressed as `CLAIM:CONTROL` (e.g. `mv.theorem3:widened-20%`).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { THEOREMS } from '../../theorems/registry.js';
import type { Theorem } from '../../theorems/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTheorem = Theorem<any, any, any>;

export interface ClaimRef {
  /** `CLAIM` or `CLAIM:CONTROL`. */
  address: string;
  /** The claim (for a control: the claim it belongs to). */
  claim: AnyTheorem;
  /** The theorem to run: the claim itself or the control's variant. */
  theorem: AnyTheorem;
  control?: { name: string; kind: string; refutedFraction?: [number, number]; description: string };
}

function isTheorem(x: unknown): x is AnyTheorem {
  const t = x as AnyTheorem;
  return !!t && typeof t === 'object' && typeof t.id === 'string' && typeof t.arbitrary === 'function' && typeof t.verdict === 'function' &&
    typeof t.hypotheses === 'function' && typeof t.predict === 'function' && typeof t.observe === 'function' && Array.isArray(t.negativeControls);
}

/**
 * Load user modules: each must export Theorem objects (named exports, a default export, or arrays
 * of them). Paths are resolved against the working directory.
 */
export async function loadTheoremModules(paths: string[]): Promise<AnyTheorem[]> {
  const out: AnyTheorem[] = [];
  for (const p of paths) {
    let mod: Record<string, unknown>;
    try {
      mod = await import(pathToFileURL(resolve(p)).href);
    } catch (e) {
      throw new InputError('--theorems', `cannot load ${JSON.stringify(p)}: ${(e as Error).message.split('\n')[0]}`);
    }
    const found: AnyTheorem[] = [];
    for (const v of Object.values(mod)) {
      if (isTheorem(v)) found.push(v);
      else if (Array.isArray(v)) for (const x of v) if (isTheorem(x)) found.push(x);
    }
    if (found.length === 0) throw new InputError('--theorems', `${JSON.stringify(p)} exports no Theorem objects (objects with id, hypotheses, predict, observe, verdict, arbitrary, negativeControls)`);
    for (const t of found) if (!out.includes(t)) out.push(t);
  }
  return out;
}

export class ClaimSet {
  readonly theorems: AnyTheorem[];
  constructor(extra: AnyTheorem[] = [], includeBuiltins = true) {
    const all = [...(includeBuiltins ? THEOREMS : []), ...extra];
    const seen = new Set<string>();
    for (const t of all) {
      if (seen.has(t.id)) throw new InputError('--theorems', `duplicate theorem id ${JSON.stringify(t.id)}`);
      seen.add(t.id);
    }
    this.theorems = all;
  }

  static async load(modules: string[]): Promise<ClaimSet> {
    return new ClaimSet(await loadTheoremModules(modules));
  }

  /** Every claim and control address. */
  addresses(): string[] {
    return this.theorems.flatMap((t) => [t.id, ...t.negativeControls.map((c) => `${t.id}:${c.name}`)]);
  }

  has(address: string): boolean {
    return this.find(address) !== undefined;
  }

  find(address: string): ClaimRef | undefined {
    const colon = address.indexOf(':');
    const id = colon < 0 ? address : address.slice(0, colon);
    const claim = this.theorems.find((t) => t.id === id);
    if (!claim) return undefined;
    if (colon < 0) return { address, claim, theorem: claim };
    const name = address.slice(colon + 1);
    const c = claim.negativeControls.find((x) => x.name === name);
    if (!c) return undefined;
    return { address, claim, theorem: c.theorem, control: { name: c.name, kind: c.kind, refutedFraction: c.refutedFraction, description: c.description } };
  }

  get(address: string, field: string): ClaimRef {
    const r = this.find(address);
    if (!r) throw new InputError(field, `unknown claim ${JSON.stringify(address.slice(0, 80))} (see dmf-check check --list)`);
    return r;
  }

  /** Claims matching any of the patterns (`*` matches any run of characters); all when none. */
  select(patterns: string[], field = '--theorem'): AnyTheorem[] {
    if (patterns.length === 0) return this.theorems;
    const res = patterns.map(globRegExp);
    const out = this.theorems.filter((t) => res.some((r) => r.test(t.id)));
    for (let i = 0; i < patterns.length; i++) {
      if (!this.theorems.some((t) => res[i].test(t.id))) throw new InputError(field, `${JSON.stringify(patterns[i].slice(0, 80))} matches no claim (claims: ${this.theorems.map((t) => t.id).join(', ')})`);
    }
    return out;
  }
}

/** A glob as an anchored regular expression: `*` matches any run of characters, everything else literally. */
export function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
