import { formatDate } from "@dealmap/domain";

export default function Page() {
  return (
    <div>
      <h1>Dealmap</h1>
      <p>{formatDate("2025-11-01/2025-11-10")}</p>
    </div>
  );
}
