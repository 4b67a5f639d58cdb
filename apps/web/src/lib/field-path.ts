/** Turns a field path such as `statuses[2].blockers[1]` into words: "status period 3, blocker 2". */
const WORDS: Record<string, string> = {
  statuses: "status period",
  blockers: "blocker",
  conditions: "condition",
  roles: "role",
  quantities: "figure",
  legs: "leg",
  distance: "distance",
  concessions: "concession",
  dateVariants: "other dating",
  aliases: "name",
  participants: "participant",
};

export function fieldPathInWords(path: string): string {
  if (!path) return "";
  return path
    .split(".")
    .map((part) => {
      const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return part;
      const word = WORDS[m[1] ?? ""] ?? m[1] ?? part;
      return m[2] !== undefined ? `${word} ${Number(m[2]) + 1}` : word;
    })
    .join(", ");
}
