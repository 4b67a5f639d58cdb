/**
 * Date labels for rows and lines, with no text-layout dependency (so `--json` paths stay light).
 */
import { formatDate, isFuzzy } from "@dealmap/domain";

/** Short date label without the EDTF string, for list rows. */
export function shortDate(date: string | undefined | null): string {
  if (!date) return "";
  try {
    return `${formatDate(date)}${isFuzzy(date) ? " ~" : ""}`;
  } catch {
    return date;
  }
}
