import { type DatasetLabelInfo, datasetOptionLabel } from "@/lib/datasets";

/**
 * The "Dataset" field of a filter form (`dataset=` in the URL): the curated data and each import.
 * Only there when the data holds more than one dataset; with one, it could filter nothing.
 */
export function DatasetFilterField({
  id,
  datasets,
  value,
}: {
  id: string;
  datasets: readonly DatasetLabelInfo[];
  /** The dataset chosen (the first `dataset=` of the URL). */
  value: string | undefined;
}) {
  if (datasets.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor={id}>Dataset</label>
      <select id={id} name="dataset" defaultValue={value ?? ""}>
        <option value="">Any dataset</option>
        {datasets.map((d) => (
          <option key={d.name} value={d.name}>
            {datasetOptionLabel(d)}
          </option>
        ))}
      </select>
    </div>
  );
}
