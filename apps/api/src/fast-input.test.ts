import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { acceptInput } from "./fast-input.ts";
import { EdtfInput, FlagSchema, TimelineInput } from "./schemas.ts";

// every kind of field the check reads, with limits to sit on either side of
const Sample = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z]+(-[a-z]+)*$/)
    .max(6),
  name: z.string().min(2).max(4).optional(),
  kind: z.enum(["a", "b"]).optional(),
  count: z.number().int().min(1).max(5).default(3),
  ratio: z.number().gt(0).lt(1).optional(),
  tags: z.array(z.string().max(2)).min(1).max(3).optional(),
  on: z.boolean().optional(),
  flag: FlagSchema.optional(),
  even: z
    .number()
    .refine((n) => n % 2 === 0)
    .optional(),
  loose: z.coerce.number().optional(),
});

const text = fc.oneof(
  fc.constantFrom("", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "a-b", "a--b", "A", "b"),
  fc.string({ maxLength: 8 }),
);
const number = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 5, 6, 0.5, 1.5, -1, 0.999, 1e-9, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.double(),
  fc.integer({ min: -3, max: 8 }),
);
const value = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constantFrom("true", "false", null, undefined),
  fc.array(text, { maxLength: 4 }),
);
// per key: mostly values near its own limits (valid or just not), sometimes anything
const near: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.constantFrom("ab", "abcdef", "a-b", "ab", "abcdefg", "a--b", "A"),
  name: fc.constantFrom("a", "ab", "abcd", "abcde"),
  kind: fc.constantFrom("a", "b", "c"),
  count: fc.constantFrom(0, 1, 5, 6, 2.5),
  ratio: fc.constantFrom(0, 0.5, 1, 0.999),
  tags: fc.array(fc.constantFrom("", "ab", "abc"), { maxLength: 4 }),
  on: fc.constantFrom(true, false, "true"),
  flag: fc.constantFrom(true, "true", "false", "yes"),
  even: fc.constantFrom(2, 3, 4.5, -4),
  loose: fc.constantFrom("3", 3, "x"),
};
const perKey = Object.fromEntries(
  Object.entries(near).map(([k, a]) => [
    k,
    fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: value }),
  ]),
);
const input = fc.oneof(
  { weight: 6, arbitrary: fc.record(perKey, { requiredKeys: ["id"] }) },
  // a few fields at a time, which pass more often
  {
    weight: 6,
    arbitrary: fc
      .record(perKey, { requiredKeys: ["id"] })
      .chain((o) =>
        fc.subarray(Object.keys(o)).map((ks) => Object.fromEntries(["id", ...ks].map((k) => [k, o[k]]))),
      ),
  },
  { weight: 1, arbitrary: fc.record({ ...perKey, other: value }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.anything() },
);

describe("acceptInput", () => {
  const quick = acceptInput(Sample);

  it("accepts exactly what zod accepts, and gives what zod gives", () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, (raw) => {
        const slow = Sample.safeParse(raw);
        const fast = quick(raw);
        // the coerced field is left to zod whole: an input using it may go either way
        const usesCoerce = typeof raw === "object" && raw !== null && "loose" in raw;
        if (!usesCoerce) expect(fast !== undefined, JSON.stringify(raw)).toBe(slow.success);
        if (fast !== undefined) {
          accepted++;
          expect(slow.success).toBe(true);
          expect(fast).toStrictEqual(slow.data);
          expect(Object.keys(fast as object)).toEqual(Object.keys(slow.data as object));
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("sits on the limits where zod does", () => {
    const ok = (o: object) => quick({ id: "ab", ...o }) !== undefined;
    expect(ok({ id: "abcdef" })).toBe(true);
    expect(ok({ id: "abcdefg" })).toBe(false);
    expect(ok({ id: "a--b" })).toBe(false);
    expect(ok({ count: 5 })).toBe(true);
    expect(ok({ count: 6 })).toBe(false);
    expect(ok({ count: 2.5 })).toBe(false);
    expect(ok({ ratio: 0 })).toBe(false);
    expect(ok({ ratio: 0.5 })).toBe(true);
    expect(ok({ tags: [] })).toBe(false);
    expect(ok({ tags: ["ab", "cd", "ef"] })).toBe(true);
    expect(ok({ tags: ["ab", "cd", "ef", "gh"] })).toBe(false);
    expect(ok({ other: 1 })).toBe(false);
    expect(quick({ name: "ab" })).toBeUndefined(); // the required id is missing
    expect(quick([])).toBeUndefined();
    expect(quick(null)).toBeUndefined();
  });

  it("fills defaults, runs refinements and preprocessing through zod, and copies arrays", () => {
    const tags = ["ab"];
    const out = quick({ id: "ab", tags, flag: "true", even: 4 }) as Record<string, unknown>;
    expect(out).toStrictEqual({ id: "ab", count: 3, tags: ["ab"], flag: true, even: 4 });
    expect(out.tags).not.toBe(tags);
    expect(quick({ id: "ab", even: 3 })).toBeUndefined();
  });

  it("takes a typical timeline query without zod", () => {
    const out = acceptInput(TimelineInput)({ actors: ["a-1"], from: "2021-01", to: "2021-12", limit: 50 });
    expect(out).toStrictEqual({ actors: ["a-1"], from: "2021-01", to: "2021-12", limit: 50 });
    expect(acceptInput(TimelineInput)({ from: "2021-13" })).toBeUndefined();
  });

  it("trusts a declared schema: the EDTF input accepts what zod accepts", () => {
    const quickDate = acceptInput(z.strictObject({ at: EdtfInput }));
    const dates = fc.oneof(
      fc.constantFrom(
        "2025",
        "2025-07",
        "2025-07-14",
        "2025-22",
        "2025-41",
        "2025-13",
        "2025-02-30",
        "2025-02-28",
        "2025-11-01/2025-11-10",
        "2025-11-10/2025-11-01",
        "../2021",
        "2025-06/..",
        "2025?",
        "2025-07~",
        "",
        "1985-04-12T23:20:30Z",
        "x".repeat(101),
        `2025${" ".repeat(97)}`,
      ),
      fc.string({ maxLength: 12 }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(dates, (at) => {
        const slow = EdtfInput.safeParse(at);
        const fast = quickDate({ at });
        expect(fast !== undefined, at).toBe(slow.success);
        if (fast !== undefined) accepted++;
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it("never answers for a schema that is not a strict object", () => {
    expect(acceptInput(z.object({ a: z.string() }))({ a: "x" })).toBeUndefined();
    expect(acceptInput(z.string())("x")).toBeUndefined();
    expect(acceptInput(undefined)({})).toBeUndefined();
  });
});
