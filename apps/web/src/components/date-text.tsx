import { dateInfo } from "@/lib/date-info";
import { DateView } from "./ui";

/** A date in words with its fuzziness shown (server components). */
export function DateText({ date }: { date: string }) {
  return <DateView date={date} info={dateInfo(date)} />;
}
