import { describe, expect, it } from "vitest";
import { corePoints } from "./map-frame.ts";

describe("corePoints", () => {
  it("leaves out a far end so the map frames where the routes run", () => {
    const minsk = { lat: 53.9, lon: 27.57 };
    const vilnius = { lat: 54.68, lon: 25.28 };
    const klaipeda = { lat: 55.75, lon: 21.17 };
    const caracas = { lat: 10.5, lon: -66.9 };
    expect(corePoints([minsk, vilnius, caracas, klaipeda])).toEqual([minsk, vilnius, klaipeda]);
  });
  it("keeps everything when there is no cluster", () => {
    const pts = [
      { lat: 0, lon: 0 },
      { lat: 50, lon: 100 },
    ];
    expect(corePoints(pts)).toEqual(pts);
  });
});
