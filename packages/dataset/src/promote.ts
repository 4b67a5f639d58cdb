/**
 * Promote an imported event to curated data: the YAML of a curated event with its citations
 * filled in, plus the sources, actors and places it needs that the curated data does not hold
 * yet, each under a curated id. The curator checks it, rewrites it in their own words, and puts
 * the files in a data directory (`dealmap promote ID --out DIR` writes them there).
 */
import {
  type Actor,
  ActorSchema,
  type Citation,
  type Place,
  PlaceSchema,
  type Source,
  SourceSchema,
  type StoryEvent,
  StoryEventSchema,
} from "@dealmap/domain";
import { stringify } from "yaml";

export interface PromoteInput {
  /** The imported event and the dataset it came from. */
  event: StoryEvent;
  dataset: string;
  /** The entities it refers to, found in the database, with the dataset of each. */
  refs: ReadonlyMap<
    string,
    { kind: "actor" | "place" | "source"; entity: Actor | Place | Source; dataset: string }
  >;
  /** Whether a dataset is loaded (curated) data rather than an import. */
  isCurated(dataset: string): boolean;
  /** Whether an id is taken in the database (so a new curated id must differ). */
  taken(id: string): boolean;
  /** The curated id to give the event (default: the imported id without its dataset prefix). */
  id?: string;
}

export interface PromotedFile {
  /** Path inside a data directory, e.g. "events/promoted-….yaml". */
  path: string;
  text: string;
}

export interface Promoted {
  id: string;
  files: PromotedFile[];
  /** Imported ids given curated ids: imported → curated. */
  renamed: Record<string, string>;
}

/** The imported id without the dataset's prefix, made unique among the ids already taken. */
function curatedId(id: string, dataset: string, taken: (id: string) => boolean, used: Set<string>): string {
  const bare = id.startsWith(`${dataset}-`) ? id.slice(dataset.length + 1) : id;
  let out = /^[a-z]/.test(bare) ? bare : `promoted-${bare}`;
  out = out.slice(0, 72).replace(/-+$/, "");
  let n = 2;
  const base = out;
  while (taken(out) || used.has(out)) out = `${base}-${n++}`;
  used.add(out);
  return out;
}

const HEADER = (what: string, from: string) =>
  `# ${what} promoted from the import ${JSON.stringify(from)} by \`dealmap promote\`.\n# Check every value and write the title, summary and descriptions in your own words.\n`;

/** The files of a promoted event (events/, and sources/, actors/, places/ as needed). */
export function promoteEvent(input: PromoteInput): Promoted {
  const { event, dataset } = input;
  const used = new Set<string>();
  const renamed: Record<string, string> = {};
  const newId = input.id ?? curatedId(event.id, dataset, input.taken, used);
  if (input.id) used.add(input.id);
  renamed[event.id] = newId;
  const out: { sources: Source[]; actors: Actor[]; places: Place[] } = {
    sources: [],
    actors: [],
    places: [],
  };
  /** The curated id for a reference: itself when curated, else a copy under a new id. */
  const resolve = (ref: string): string => {
    const r = input.refs.get(ref);
    if (!r || input.isCurated(r.dataset)) return ref;
    const known = renamed[ref];
    if (known) return known;
    const id = curatedId(ref, r.dataset, input.taken, used);
    renamed[ref] = id;
    if (r.kind === "source") out.sources.push({ ...(r.entity as Source), id });
    else {
      const cited = (r.entity as Actor | Place).citations.map((c: Citation) => ({
        ...c,
        source: resolve(c.source),
      }));
      if (r.kind === "actor") out.actors.push({ ...(r.entity as Actor), id, citations: cited });
      else out.places.push({ ...(r.entity as Place), id, citations: cited });
    }
    return id;
  };
  const citations = event.citations.map((c, i) => ({
    ...c,
    source: resolve(c.source),
    ...(i === 0 ? { note: `Promoted from the imported event ${event.id} (${dataset}).` } : {}),
  }));
  const { coding: _coding, ...rest } = event;
  const promoted: StoryEvent = {
    ...rest,
    id: newId,
    participants: event.participants.map(({ codes: _codes, ...p }) => ({ ...p, actor: resolve(p.actor) })),
    ...(event.claimedBy ? { claimedBy: resolve(event.claimedBy) } : {}),
    places: event.places.map(resolve),
    tags: [...new Set([...event.tags, "promoted"])],
    citations,
  };
  // what is written must load: the schemas are the loader's
  StoryEventSchema.parse(promoted);
  for (const s of out.sources) SourceSchema.parse(s);
  for (const a of out.actors) ActorSchema.parse(a);
  for (const p of out.places) PlaceSchema.parse(p);
  const files: PromotedFile[] = [
    { path: `events/${newId}.yaml`, text: HEADER("An event", dataset) + stringify([promoted]) },
  ];
  for (const [dir, list] of [
    ["sources", out.sources],
    ["actors", out.actors],
    ["places", out.places],
  ] as const)
    if (list.length > 0)
      files.push({
        path: `${dir}/${newId}-${dir}.yaml`,
        text: HEADER(`The ${dir} of ${newId}`, dataset) + stringify(list),
      });
  return { id: newId, files, renamed };
}
