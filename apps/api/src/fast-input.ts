/**
 * A quick acceptance check for the procedures' inputs, in front of zod.
 *
 * Every input is a strict object of scalars and arrays of scalars (see schemas.ts). zod parses
 * one in a few microseconds; most of that is general machinery (issue collection, wrappers,
 * payload objects), which a request that is simply valid never needs. `acceptInput(schema)`
 * reads the schema's definition once and returns a check that either gives exactly what zod's
 * parse would give, or gives `undefined`, which means "ask zod". Anything invalid, and anything
 * the check does not know, gets `undefined`, so every error still comes from zod and reads as it
 * always did.
 *
 * What it knows: strings with length limits and regular expressions, enums, numbers (integer,
 * bounds), booleans, arrays of those with length limits, `optional` and a scalar `default`.
 * A field of any other kind (a preprocess, a refinement) is parsed by its own zod schema, which
 * is still cheaper than the object around it, unless the schema's module declared what it
 * accepts (`quickAccepts`). `fast-input.test.ts` compares it with zod on
 * random inputs for every procedure.
 */

interface Def {
  type: string;
  innerType?: ZodLike;
  element?: ZodLike;
  entries?: Record<string, unknown>;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, ZodLike>;
  catchall?: ZodLike;
  defaultValue?: unknown;
  /** z.coerce.*: converts before checking, which this module leaves to zod. */
  coerce?: boolean;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}
interface ZodLike {
  _zod: { def: Def };
  safeParse(v: unknown): { success: boolean; data?: unknown };
}

/** Gives the parsed value of one field, or NO for "not sure" (ask zod). */
type FieldCheck = (v: unknown) => unknown;
const NO = Symbol("ask zod");

/** Schemas whose refinements this module cannot read, with what they accept said plainly. */
const declared = new WeakMap<object, (v: unknown) => boolean>();

/**
 * Declare what a schema accepts, for a schema this module cannot read (a refinement): `accepts(v)`
 * must be true exactly when the schema's parse succeeds, and the parse must then give `v` back
 * unchanged. Returns the schema. The comparison with zod in the tests covers declared schemas too.
 */
export function quickAccepts<T extends object>(schema: T, accepts: (v: unknown) => boolean): T {
  declared.set(schema, accepts);
  return schema;
}

/** A check for one scalar, or undefined when the schema is not one this module reads. */
function scalarCheck(schema: ZodLike): ((v: unknown) => boolean) | undefined {
  const own = declared.get(schema);
  if (own) return own;
  const def = schema._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.coerce) return undefined;
  if (def.type === "string") {
    let min = 0;
    let max = Number.POSITIVE_INFINITY;
    const patterns: RegExp[] = [];
    for (const c of checks) {
      if (c.check === "min_length" && c.minimum !== undefined) min = Math.max(min, c.minimum);
      else if (c.check === "max_length" && c.maximum !== undefined) max = Math.min(max, c.maximum);
      else if (
        c.check === "string_format" &&
        c.format === "regex" &&
        c.pattern &&
        !c.pattern.global &&
        !c.pattern.sticky
      )
        patterns.push(c.pattern);
      else return undefined;
    }
    return (v) => {
      if (typeof v !== "string" || v.length < min || v.length > max) return false;
      for (const p of patterns) if (!p.test(v)) return false;
      return true;
    };
  }
  if (def.type === "enum") {
    if (checks.length > 0 || !def.entries) return undefined;
    const values = new Set(Object.values(def.entries));
    return (v) => (typeof v === "string" || typeof v === "number") && values.has(v);
  }
  if (def.type === "number") {
    let integer = false;
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    let loInclusive = true;
    let hiInclusive = true;
    for (const c of checks) {
      if (c.check === "number_format" && c.format === "safeint") integer = true;
      else if (c.check === "greater_than" && c.value !== undefined && lo === Number.NEGATIVE_INFINITY) {
        lo = c.value;
        loInclusive = c.inclusive === true;
      } else if (c.check === "less_than" && c.value !== undefined && hi === Number.POSITIVE_INFINITY) {
        hi = c.value;
        hiInclusive = c.inclusive === true;
      } else return undefined;
    }
    return (v) =>
      typeof v === "number" &&
      Number.isFinite(v) &&
      (!integer || Number.isSafeInteger(v)) &&
      (loInclusive ? v >= lo : v > lo) &&
      (hiInclusive ? v <= hi : v < hi);
  }
  if (def.type === "boolean") return checks.length > 0 ? undefined : (v) => typeof v === "boolean";
  return undefined;
}

/** A check for a field's value (optional/default already unwrapped). */
function valueCheck(schema: ZodLike): FieldCheck {
  const def = schema._zod.def;
  const scalar = scalarCheck(schema);
  if (scalar) return (v) => (scalar(v) ? v : NO);
  if (def.type === "array" && def.element) {
    const item = scalarCheck(def.element);
    let min = 0;
    let max = Number.POSITIVE_INFINITY;
    let known = item !== undefined;
    for (const c of (def.checks ?? []).map((x) => x._zod.def)) {
      if (c.check === "min_length" && c.minimum !== undefined) min = Math.max(min, c.minimum);
      else if (c.check === "max_length" && c.maximum !== undefined) max = Math.min(max, c.maximum);
      else known = false;
    }
    if (known && item) {
      return (v) => {
        if (!Array.isArray(v) || v.length < min || v.length > max) return NO;
        for (let i = 0; i < v.length; i++) if (!item(v[i])) return NO;
        return v.slice(); // zod gives a new array
      };
    }
  }
  // anything else: the field's own schema decides
  return (v) => {
    const r = schema.safeParse(v);
    return r.success ? r.data : NO;
  };
}

const SCALAR_TYPES = new Set(["string", "number", "boolean"]);

/**
 * The quick check of a strict object schema: the parsed input, or undefined ("ask zod"). Gives
 * undefined for every call when the schema is not a strict object.
 */
export function acceptInput(schema: unknown): (raw: unknown) => unknown {
  const def = (schema as ZodLike | undefined)?._zod?.def;
  if (def?.type !== "object" || !def.shape || def.catchall?._zod.def.type !== "never") return () => undefined;
  const fields: { key: string; check: FieldCheck; optional: boolean; fallback: unknown }[] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    let inner = field;
    let optional = false;
    let fallback: unknown;
    const d = inner._zod.def;
    if (d.type === "optional" && d.innerType) {
      optional = true;
      inner = d.innerType;
    } else if (d.type === "default" && d.innerType) {
      fallback = d.defaultValue;
      // only a scalar default can be handed out as it is (zod copies others each time)
      if (fallback === null || !SCALAR_TYPES.has(typeof fallback)) return () => undefined;
      inner = d.innerType;
    }
    fields.push({ key, check: valueCheck(inner), optional, fallback });
  }
  const keys = new Set(fields.map((f) => f.key));
  return (raw) => {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
    const input = raw as Record<string, unknown>;
    for (const key in input) if (!keys.has(key)) return undefined;
    // zod's output lists the keys in the schema's order
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = input[f.key];
      if (v === undefined) {
        // as zod: a default fills in; an optional key given as undefined stays, as undefined
        if (f.fallback !== undefined) out[f.key] = f.fallback;
        else if (!f.optional) return undefined;
        else if (f.key in input) out[f.key] = undefined;
        continue;
      }
      const parsed = f.check(v);
      if (parsed === NO) return undefined;
      out[f.key] = parsed;
    }
    return out;
  };
}
