/**
 * Reading filters from the URL. Values are checked against the model before any query runs,
 * so nonsense in the address bar gets a message naming the parameter instead of a crash.
 */
import { isValidDate } from "@dealmap/domain";

export type SearchParams = Record<string, string | string[] | undefined>;

export function many(sp: SearchParams, key: string): string[] {
  const v = sp[key];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.map((s) => s.trim()).filter((s) => s !== "");
}

export function one(sp: SearchParams, key: string): string | undefined {
  return many(sp, key)[0];
}

export interface ParamProblem {
  param: string;
  value: string;
  message: string;
}

/** Values of `key` that are in `allowed`; the rest are reported. */
export function enumParam<T extends string>(
  sp: SearchParams,
  key: string,
  allowed: readonly T[],
  problems: ParamProblem[],
): T[] {
  const ok: T[] = [];
  for (const v of many(sp, key)) {
    if ((allowed as readonly string[]).includes(v)) ok.push(v as T);
    else
      problems.push({
        param: key,
        value: v,
        message: `"${v}" is not one of: ${allowed.slice(0, 12).join(", ")}${allowed.length > 12 ? ", …" : ""}`,
      });
  }
  return ok;
}

/** An EDTF date parameter (2025, 2025-06, 2025-06-21, 2025-22…). */
export function dateParam(sp: SearchParams, key: string, problems: ParamProblem[]): string | undefined {
  const v = one(sp, key);
  if (v === undefined) return undefined;
  if (v.length > 40 || !isValidDate(v)) {
    problems.push({
      param: key,
      value: v.slice(0, 40),
      message: `"${v.slice(0, 40)}" is not a date (use 2025, 2025-06 or 2025-06-21)`,
    });
    return undefined;
  }
  return v;
}

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Entity ids (lower-case words joined by "-"). */
export function idParam(sp: SearchParams, key: string, problems: ParamProblem[]): string[] {
  const ok: string[] = [];
  for (const v of many(sp, key)) {
    if (v.length <= 80 && ID_RE.test(v)) ok.push(v);
    else problems.push({ param: key, value: v.slice(0, 40), message: `"${v.slice(0, 40)}" is not an id` });
  }
  return ok;
}

/** A positive page number (1 when absent). */
export function pageParam(sp: SearchParams, key: string, problems: ParamProblem[]): number {
  const v = one(sp, key);
  if (v === undefined) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    problems.push({ param: key, value: v.slice(0, 20), message: `"${v.slice(0, 20)}" is not a page number` });
    return 1;
  }
  return n;
}

/** Rebuilds a query string from entries, skipping empty values. */
export function qs(entries: [string, string | undefined][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of entries) if (v) p.append(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
