/**
 * Adapts the results written by `dmf-check check` (report/results.json, or its --json output) to
 * the report page's claim rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ClaimRow } from './html.js';

type Json = Record<string, unknown>;

const n = (x: unknown) => (typeof x === 'number' ? x : Array.isArray(x) ? x.length : 0);

/** A known counterexample: a fixture path (its explanation read from the file) or an object. */
function knownEntry(k: unknown): { file?: string; explanation: string } {
  if (typeof k === 'string') {
    let explanation = '';
    try {
      if (existsSync(k)) explanation = String((JSON.parse(readFileSync(k, 'utf8')) as Json).explanation ?? '');
    } catch {
      /* a malformed fixture is reported by replay */
    }
    return { file: k, explanation };
  }
  const o = (k ?? {}) as Json;
  return { file: o.file as string | undefined, explanation: String(o.explanation ?? '') };
}

function whereText(w: unknown): string | undefined {
  if (w === null || w === undefined) return undefined;
  if (typeof w === 'string') return w;
  const o = w as Json;
  const worst = (o.worst ?? o) as Json;
  const parts = Object.entries(worst).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object').map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`);
  if (typeof o.index === 'number') parts.unshift(`instance #${o.index}`);
  return parts.join(', ') || undefined;
}

export function claimRows(results: unknown): ClaimRow[] | null {
  const r = results as Json | null;
  const list = (r && Array.isArray(r.theorems) ? r.theorems : r && Array.isArray(r.claims) ? r.claims : null) as Json[] | null;
  if (!list) return null;
  return list.map((t) => {
    const controls = ((t.controls as Json[]) ?? []).map((c) => {
      if (typeof c.fraction === 'number') {
        const stated = c.stated as [number, number] | null | undefined;
        // As check's controlOk: refuted at least once, or a near miss whose 0 refutations are still
        // consistent with its stated fraction; a fraction inconsistent with the stated one is shown.
        const ok = n(c.refuted) > 0 || (c.kind === 'near-miss' && c.withinStated === true);
        const result = `refuted ${n(c.refuted)}/${n(c.instances)} = ${(c.fraction as number).toFixed(2)}${stated ? ` (stated ${stated[0]}–${stated[1]}${c.withinStated === false ? ', outside' : ''})` : ''}`;
        return { name: String(c.name), kind: c.kind as string | undefined, result, ok };
      }
      const after = c.refutedAfter as number | null | undefined;
      const ok = (c.ok as boolean | undefined) ?? (after !== null && after !== undefined);
      return { name: String(c.name), kind: c.kind as string | undefined, result: after === null || after === undefined ? 'NOT refuted' : `refuted at instance ${after}`, ok };
    });
    const m = (t.margin as Json | undefined) ?? undefined;
    const value = (m?.tightest ?? m?.value ?? t.minMargin ?? null) as number | null;
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
      margin: value === null && !m ? null : { name: String(m?.name ?? 'margin'), meaning: m?.meaning as string | undefined, value, where: whereText(m?.where) },
      controls,
      known: ((t.known ?? t.knownCounterexamples) as unknown[] | undefined)?.map(knownEntry) ?? [],
      ok: (t.ok as boolean | undefined) ?? ((n(t.refuted) === 0 || n(t.known) > 0) && n(t.inconclusive) === 0 && n(t.errors) === 0 && n(t.outsideHypotheses) === 0 && controls.every((c) => c.ok)),
      seconds: t.seconds as number | undefined,
    };
  });
}
