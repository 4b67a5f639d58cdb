import { describe, expect, it } from "vitest";
import { makeBasemap } from "./geo.ts";

describe("makeBasemap", () => {
  const minsk = { lon: 27.567, lat: 53.9 };
  const klaipeda = { lon: 21.167, lat: 55.75 };
  const map = makeBasemap([minsk, klaipeda], 800, 500);

  it("frames the points inside the picture, west to the left and north up", () => {
    const [mx, my] = map.project(minsk);
    const [kx, ky] = map.project(klaipeda);
    for (const v of [mx, kx]) expect(v > 0 && v < 800).toBe(true);
    for (const v of [my, ky]) expect(v > 0 && v < 500).toBe(true);
    expect(kx).toBeLessThan(mx);
    expect(ky).toBeLessThan(my);
  });

  it("draws the countries around the points and leaves far ones out", () => {
    const names = map.countries.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["Belarus", "Lithuania"]));
    expect(names).not.toContain("Australia");
    expect(map.countries.every((c) => c.d.startsWith("M"))).toBe(true);
  });

  it("draws lines between points", () => {
    expect(map.line([minsk, klaipeda])).toMatch(/^M[\d.]+,[\d.]+/);
  });
});
