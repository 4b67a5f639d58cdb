import { describe, expect, it } from "vitest";
import { datasetNote, datasetOptionLabel, filterableDatasets, isImported } from "./datasets.ts";

const gdelt = { name: "gdelt-2025", origin: "import", format: "gdelt" } as const;
const memo = { name: "my-memo", origin: "load", format: null } as const;
const builtIn = { name: "built-in", origin: "load", format: null } as const;

describe("datasets in words", () => {
  it("labels the filter's options: curated data by name, imports with their format", () => {
    expect(datasetOptionLabel(builtIn)).toBe("Curated (built-in)");
    expect(datasetOptionLabel(memo)).toBe("Curated (my-memo)");
    expect(datasetOptionLabel(gdelt)).toBe("Import: gdelt-2025 (gdelt)");
    expect(datasetOptionLabel({ ...gdelt, format: null })).toBe("Import: gdelt-2025");
  });

  it("says where an entity came from, except for the built-in data", () => {
    expect(datasetNote("built-in", builtIn)).toBeNull();
    expect(datasetNote("gdelt-2025", gdelt)).toBe("From import gdelt-2025 (gdelt)");
    expect(datasetNote("my-memo", memo)).toBe("From the data directory my-memo");
    // a dataset the page did not list (removed meanwhile) is still named
    expect(datasetNote("gone", undefined)).toBe("From dataset gone");
  });

  it("tags imports only", () => {
    const byName = { [gdelt.name]: gdelt, [memo.name]: memo, [builtIn.name]: builtIn };
    expect(isImported("gdelt-2025", byName)).toBe(true);
    expect(isImported("my-memo", byName)).toBe(false);
    expect(isImported("built-in", byName)).toBe(false);
    expect(isImported("unknown", byName)).toBe(false);
  });

  it("offers in filters only the names the router's filter takes", () => {
    const odd = { name: "My Data", origin: "load", format: null } as const;
    expect(filterableDatasets([builtIn, odd, gdelt]).map((d) => d.name)).toEqual(["built-in", "gdelt-2025"]);
  });
});
