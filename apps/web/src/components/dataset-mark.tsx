/**
 * The dataset a value came from, beside the value, when another dataset than the entity's own
 * added it (a statement of a data directory, a record merged by same-as). Values of the entity's
 * own dataset carry none. Screen readers hear `spoken` before the name ("added by the dataset
 * my-memo"); a side of a dispute, where the name is the subject, passes "". Server or browser.
 */
export function DatasetMark({
  name,
  spoken = "added by the dataset ",
}: {
  name: string | undefined;
  spoken?: string;
}) {
  if (!name) return null;
  return (
    <span
      className="tag dataset-tag dataset-mark"
      data-dataset={name}
      title={`Added by the dataset “${name}”`}
    >
      {spoken ? <span className="visually-hidden">{spoken}</span> : null}
      {name}
    </span>
  );
}
