/**
 * Adapts the results written by `dmf-check check` (report/results.json, or its --json output) to
 * the report page's claim rows.
 */
import type { ClaimRow } from './html.js';

type Json = Record<string, unknown>;

const n = (x: unknown) => (typeof x === 'number' ? x : Array.isArray(x) ? x.length : 0);

export function claimRows(results: unknown): ClaimRow[] | null {
  const r = results as Json | null;
  const list = (r && Array.isArray(r.theorems) ? r.theorems : r && Array.isArray(r.claims) ? r.claims : null) as Json[] | null;
  if (!list) return null;
  return list.map((t) => {
    const controls = ((t.controls as Json[]) ?? []).map((c) => {
      const after = c.refutedAfter as number | null | undefined;
      const frac = c.refutedFraction ?? c.measuredFraction;
      const ok = (c.ok as boolean | undefined) ?? (after !== null && after !== undefined);
      const result = typeof frac === 'number' ? `refuted on ${(100 * frac).toFixed(0)} %` : after === null ? 'NOT refuted' : `refuted at instance ${after}`;
      return { name: String(c.name), kind: c.kind as string | undefined, result, ok };
    });
    const m = (t.margin as Json | undefined) ?? undefined;
    const value = (m?.value ?? t.minMargin ?? null) as number | null;
    return {
      id: String(t.id),
      source: String(t.source ?? ''),
      tag: String(t.tag ?? ''),
      instances: n(t.instances),
      holds: n(t.holds),
      refuted: n(t.refuted),
      inconclusive: n(t.inconclusive),
      errors: n(t.errors),
      outsideHypotheses: n(t.outsideHypotheses),
      margin: value === null && !m ? null : { name: String(m?.name ?? 'margin'), meaning: m?.meaning as string | undefined, value, where: m?.where as string | undefined },
      controls,
      known: ((t.known ?? t.knownCounterexamples) as Json[] | undefined)?.map((k) => ({ file: k.file as string | undefined, explanation: String(k.explanation ?? '') })) ?? [],
      ok: (t.ok as boolean | undefined) ?? (n(t.refuted) === 0 && n(t.inconclusive) === 0 && n(t.errors) === 0 && controls.every((c) => c.ok)),
      seconds: t.seconds as number | undefined,
    };
  });
}
