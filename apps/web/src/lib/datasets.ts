/**
 * Datasets in words, for filters and tags: the curated data (built-in, users' directories) and
 * each import. Pure, so that server pages and client components say them the same way.
 */

/** What a view needs to know of a dataset to name it (a row of `stats.datasets`). */
export interface DatasetLabelInfo {
  name: string;
  origin: "load" | "import";
  format: string | null;
}

/** The name of the data that ships with Dealmap (as the loader calls it). */
export const BUILT_IN = "built-in";

/** How the dataset filter lists it: "Curated (built-in)", "Import: gdelt-2025 (gdelt)". */
export function datasetOptionLabel(d: DatasetLabelInfo): string {
  if (d.origin === "load") return `Curated (${d.name})`;
  return d.format ? `Import: ${d.name} (${d.format})` : `Import: ${d.name}`;
}

/**
 * The line near an entity's title that says where it came from, or null for the built-in
 * data (which is what every view shows unless told otherwise). A name the view does not know
 * (e.g. removed since the page was made) is said as it is.
 */
export function datasetNote(name: string, info: DatasetLabelInfo | undefined): string | null {
  if (name === BUILT_IN || name === "") return null;
  if (info?.origin === "import") return `From import ${name}${info.format ? ` (${info.format})` : ""}`;
  if (info?.origin === "load") return `From the data directory ${name}`;
  return `From dataset ${name}`;
}

/** Whether an item of this dataset gets a tag in lists: imports only (curated data is the default). */
export function isImported(name: string, byName: Readonly<Record<string, DatasetLabelInfo>>): boolean {
  return byName[name]?.origin === "import";
}

/** The names the router's dataset filter takes (a data directory may be named otherwise). */
const FILTER_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The datasets a filter can offer: those whose names the router's filter takes. A directory
 * called "My Data" is still named on its entities' pages, but cannot be chosen.
 */
export function filterableDatasets<T extends DatasetLabelInfo>(list: readonly T[]): T[] {
  return list.filter((d) => d.name.length <= 80 && FILTER_NAME.test(d.name));
}
