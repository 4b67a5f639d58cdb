/**
 * The command table: every command's options, arguments, help and examples. Running a command
 * imports its module lazily (see cli.tsx), so this file must stay light.
 */
import type { CommandSpec } from "./args.ts";

const FORMATS = ["json", "jsonl", "csv", "geojson"] as const;

const IMPORT_OPTIONS = {
  dataset: {
    type: "string",
    value: "NAME",
    description: "the dataset's name: lower-case words joined by '-' (default: from the first file's name)",
  },
  "skip-bad": {
    type: "boolean",
    description: "import the good rows; write the bad ones to <input>.rejects beside each input",
  },
  quiet: { type: "boolean", description: "no progress bar on stderr" },
} as const;

const IMPORT_DETAILS = [
  "Imports land in the --db database (or DEALMAP_DB; a SQLite file is created when missing) as a",
  "dataset of their own, in one transaction: all of it or nothing. Importing the same files again",
  "changes nothing; other files under the same --dataset replace the earlier import.",
  "A bad line (wrong number of columns, a bad date, invalid UTF-8, a truncated zip, a line that is",
  "not an entity) is reported as file:line; by default the import then fails whole, listing the",
  "first 20 bad lines and the count. With --skip-bad the good rows are imported and the bad ones",
  "written to <input>.rejects. A progress bar goes to stderr on a terminal; a summary (rows read,",
  "entities made, merged, skipped with reasons, actors matched) is always printed (JSON with --json).",
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "validate",
    summary: "check a data directory (or the built-in data) and list every problem",
    args: ["DIR?"],
    json: true,
    reads: "files",
    options: {
      alone: {
        type: "boolean",
        description: "check DIR by itself, without the built-in data it may refer to",
      },
      passages: {
        type: "boolean",
        description: "when valid, print each cited passage beside its claim (sources with a text found)",
      },
    },
    details: [
      "With DIR, the directory is checked together with the built-in data, as `--data DIR` would load it",
      "(your entities may refer to built-in ones); with --alone, by itself. Without DIR, the built-in data.",
      "Exit 0 and a one-line count per kind when valid; exit 1 and every problem as",
      "`file:line:col  field.path  message` when not.",
      "Reads the data files themselves: --db, DEALMAP_DB and --api do not apply.",
    ],
    examples: [
      "dealmap validate",
      "dealmap validate ./mydata",
      "dealmap validate ./mydata --alone",
      "dealmap validate ./mydata --passages",
      "dealmap validate ./mydata --json | jq '.problems[]?.message'",
    ],
  },
  {
    name: "cite",
    summary: "find a phrase in a source's text and print the citation to paste (quote and locator)",
    args: ["SOURCE", "PHRASE"],
    json: false,
    reads: "files",
    options: {
      text: { type: "string", value: "FILE", description: "look in FILE (a text not yet in a dataset)" },
      prefix: {
        type: "string",
        value: "WORDS",
        description: "words just before the phrase, when it occurs more than once",
      },
      suffix: {
        type: "string",
        value: "WORDS",
        description: "words just after the phrase, when it occurs more than once",
      },
    },
    details: [
      "The text is DIR/texts/SOURCE.txt of a --data DIR, else found in DEALMAP_SOURCES, else --text FILE.",
      "Exit 0 with the paragraph, span and YAML; exit 1 with the closest passages when the phrase is absent,",
      "or with each occurrence in context when it occurs more than once (then add --prefix or --suffix).",
      "Reads the data files themselves: --db, DEALMAP_DB and --api do not apply.",
    ],
    examples: [
      'dealmap cite fx-bulletin "harbour talks" --text ./mydata/texts/fx-bulletin.txt',
      'dealmap cite fx-bulletin "talks" --prefix "harbour" --data ./mydata',
    ],
  },
  {
    name: "new source",
    summary: "print a source entry (YAML) for a text file, with textSha256 and paragraphs filled in",
    args: ["FILE"],
    json: false,
    reads: "files",
    options: {},
    details: ["Reads FILE only: --db, DEALMAP_DB and --api do not apply."],
    examples: ["dealmap new source ./mydata/texts/fx-bulletin.txt"],
  },
  {
    name: "export",
    summary: "write the whole dataset as JSON, JSON Lines, CSV or GeoJSON",
    args: [],
    json: false,
    reads: "files",
    options: {
      format: {
        type: "string",
        value: "FORMAT",
        choices: FORMATS,
        description: "output format",
      },
      out: {
        type: "string",
        value: "DIR",
        description: "write files into DIR (required for csv: one file per kind) instead of stdout",
      },
      dataset: {
        type: "string",
        value: "NAME",
        description:
          'one dataset apart — "built-in", or a --data directory\'s folder name: its own entities as written and its statements (json, or jsonl with --out)',
      },
    },
    details: [
      "Without --dataset: the merged view (statements applied: one entity per real thing, every value in it).",
      "json: one object with the keys sources, actors, places, events, routes, relations, deals, assessments (and statements with --dataset).",
      'jsonl: one entity per line, each with a "collection" key naming its kind.',
      "csv: one file per kind; events.csv and actors.csv in the spreadsheet template `dealmap import csv`",
      "reads (see packages/dataset/README.md), the other kinds with lists and objects as JSON in the cell.",
      "geojson: a FeatureCollection of places (points) and routes (lines through their legs).",
      "Reads the data files themselves: --db, DEALMAP_DB and --api do not apply.",
    ],
    examples: [
      "dealmap export --format json > dealmap.json",
      'dealmap export --format jsonl | grep \'"collection":"events"\'',
      "dealmap export --format csv --out ./csv",
      "dealmap export --format geojson --data ./mydata > map.geojson",
      "dealmap export --format json --dataset mydata --data ./mydata",
    ],
  },
  {
    name: "stats",
    summary: "counts per kind, citations per paragraph, entities resting on a single citation",
    args: [],
    json: true,
    reads: "files",
    options: {},
    details: [
      "Reads the data files themselves: --db, DEALMAP_DB and --api do not apply.",
      "A database's counts: `dealmap db status`.",
    ],
    examples: ["dealmap stats", "dealmap stats --json | jq '.counts'", "dealmap stats --data ./mydata"],
  },
  {
    name: "events",
    summary: "list events in date order, with filters",
    args: [],
    json: true,
    options: {
      kind: { type: "string", value: "KIND", description: "only events of this kind (release, meeting, …)" },
      actor: { type: "string", value: "ID", description: "only events this actor takes part in" },
      place: { type: "string", value: "ID", description: "only events at this place" },
      route: { type: "string", value: "ID", description: "only events about this route" },
      status: {
        type: "string",
        value: "STATUS",
        description: "only events with this status (occurred, reported, claimed, expected, …)",
      },
      from: {
        type: "string",
        value: "DATE",
        description: "only events that can fall on or after DATE (EDTF)",
      },
      to: {
        type: "string",
        value: "DATE",
        description: "only events that can fall on or before DATE (EDTF)",
      },
      dataset: {
        type: "string",
        multiple: true,
        value: "NAME",
        description: "only events of this dataset (built-in, a data directory, an import); repeatable",
      },
      limit: { type: "string", value: "N", description: "show at most N events" },
    },
    inputs: {
      kinds: "--kind",
      statuses: "--status",
      actors: "--actor",
      places: "--place",
      datasets: "--dataset",
    },
    details: ["Imported events show their dataset in a DATASET column; --json gives every event's dataset."],
    examples: [
      "dealmap events",
      "dealmap events --kind release --from 2025-06",
      "dealmap events --actor john-coale --json | jq -r '.[].title'",
      "dealmap events --data ./mydata --dataset mydata",
    ],
  },
  {
    name: "actors",
    summary: "list people, states, organizations and other actors",
    args: [],
    json: true,
    options: {
      kind: { type: "string", value: "KIND", description: "only actors of this kind (person, state, …)" },
      country: {
        type: "string",
        value: "CC",
        description: "only actors of this country (ISO code, e.g. BY)",
      },
      dataset: {
        type: "string",
        multiple: true,
        value: "NAME",
        description: "only actors of this dataset (built-in, a data directory, an import); repeatable",
      },
      limit: { type: "string", value: "N", description: "show at most N actors" },
    },
    inputs: { datasets: "--dataset" },
    details: ["Imported actors show their dataset in a DATASET column; --json gives every actor's dataset."],
    examples: [
      "dealmap actors",
      "dealmap actors --kind person --country BY",
      "dealmap actors --json | jq length",
      "dealmap actors --data ./mydata --dataset mydata --json | jq length",
    ],
  },
  {
    name: "places",
    summary: "list cities, ports, border crossings and other places",
    args: [],
    json: true,
    options: {
      kind: { type: "string", value: "KIND", description: "only places of this kind (city, port, …)" },
      country: { type: "string", value: "CC", description: "only places in this country (ISO code)" },
      limit: { type: "string", value: "N", description: "show at most N places" },
    },
    examples: ["dealmap places", "dealmap places --kind port", "dealmap places --country LT --json"],
  },
  {
    name: "routes compare",
    summary: "compare the routes that carry one cargo, side by side",
    args: [],
    json: true,
    options: {
      cargo: { type: "string", value: "CARGO", description: "what moves: potash, people, …" },
      at: { type: "string", value: "DATE", description: "status as of DATE (EDTF; default: latest)" },
    },
    examples: [
      "dealmap routes compare --cargo potash",
      "dealmap routes compare --cargo potash --at 2021-06",
      "dealmap routes compare --cargo people --json",
    ],
  },
  {
    name: "routes",
    summary: "list routes (export corridors, deportation routes, …) with their current status",
    args: [],
    json: true,
    options: {
      kind: { type: "string", value: "KIND", description: "only routes of this kind (export-corridor, …)" },
      cargo: {
        type: "string",
        value: "CARGO",
        description: "only routes that carry this (potash, people, …)",
      },
      at: {
        type: "string",
        value: "DATE",
        description: "each route's status as of DATE (EDTF; default: today)",
      },
      limit: { type: "string", value: "N", description: "show at most N routes" },
    },
    details: ["See also `dealmap routes compare --cargo potash`."],
    examples: [
      "dealmap routes",
      "dealmap routes --cargo potash --at 2021-06",
      "dealmap routes --json | jq -r '.[] | \"\\(.route.id) \\(.status)\"'",
    ],
  },
  {
    name: "deals",
    summary: "the deals ledger: what each side gave or promised, delivered or not",
    args: [],
    json: true,
    options: {
      party: { type: "string", value: "ID", description: "only deals this actor is a party to" },
      limit: { type: "string", value: "N", description: "show at most N deals" },
    },
    examples: ["dealmap deals", "dealmap deals --party united-states --json"],
  },
  {
    name: "sources",
    summary: "list the sources every claim rests on",
    args: [],
    json: true,
    options: {
      kind: {
        type: "string",
        value: "KIND",
        description: "only sources of this kind (article, news-report, …)",
      },
      limit: { type: "string", value: "N", description: "show at most N sources" },
    },
    examples: ["dealmap sources", "dealmap sources --kind news-report --json"],
  },
  {
    name: "show",
    summary: "show one entity of any kind by id, with its links and citations",
    args: ["ID"],
    json: true,
    options: {},
    inputs: { id: "ID" },
    examples: ["dealmap show john-coale", "dealmap show klaipeda-port --json | jq .entity.coordinates"],
  },
  {
    name: "path",
    summary: "the shortest chain of ties between two actors",
    args: ["FROM", "TO"],
    json: true,
    inputs: { from: "FROM", to: "TO" },
    options: {
      at: { type: "string", value: "DATE", description: "only ties that held at DATE (EDTF)" },
      "shared-events": {
        type: "boolean",
        description: "also walk between actors who appear in the same events",
      },
    },
    examples: [
      "dealmap path john-coale alexander-lukashenko",
      "dealmap path donald-trump ales-bialiatski --shared-events --json | jq '.steps[].edge.type'",
    ],
  },
  {
    name: "search",
    summary: "search every entity by name, alias or text (spelling-tolerant)",
    args: ["QUERY..."],
    json: true,
    inputs: { q: "QUERY" },
    options: {
      limit: { type: "string", value: "N", description: "show at most N results (default 20)" },
    },
    examples: ["dealmap search lukashenko", "dealmap search klaipeda port", "dealmap search potash --json"],
  },
  {
    name: "db load",
    summary: "load the built-in data and --data directories into the --db database (replacing its data)",
    args: [],
    json: true,
    reads: "database",
    options: {
      quiet: { type: "boolean", description: "no progress line on stderr" },
    },
    details: [
      "The database is --db FILE|URL, or DEALMAP_DB: a SQLite file (created when missing) or a",
      "postgres:// URL of an existing database. The YAML is checked first, as `dealmap validate` does:",
      "a problem is reported as `file:line:col  field.path  message` and nothing is written. The data",
      "then replaces the database's in one transaction: readers see the old data or the new, never a mix.",
      "Source texts found in DEALMAP_SOURCES are loaded with their sources.",
      "Prints counts per kind, rows written, seconds and the data version (or them as JSON with --json).",
    ],
    examples: [
      "dealmap db load --db ./dealmap.sqlite",
      "dealmap db load --data ./mydata --db ./dealmap.sqlite",
      "DEALMAP_DB=./dealmap.sqlite dealmap db load --json | jq .counts",
    ],
  },
  {
    name: "db status",
    summary: "what the --db database holds: schema, data version, counts per kind, datasets",
    args: [],
    json: true,
    reads: "database",
    options: {},
    details: [
      "The database is --db FILE|URL, or DEALMAP_DB. Exit 1 with a message when it is missing,",
      "not a Dealmap database, of a newer schema, or holds no data yet.",
    ],
    examples: [
      "dealmap db status --db ./dealmap.sqlite",
      "dealmap db status --db ./dealmap.sqlite --json | jq .counts",
    ],
  },
  {
    name: "db synth",
    summary: "fill the --db database with the benchmark's synthetic dataset (replacing its data)",
    args: [],
    json: true,
    reads: "database",
    options: {
      events: { type: "string", value: "N", description: "how many events (actors, places… scale with it)" },
      seed: {
        type: "string",
        value: "S",
        description: "the generator's seed, a whole number (default: the benchmark's)",
      },
      quiet: { type: "boolean", description: "no progress line on stderr" },
    },
    details: [
      "The same generator as `pnpm bench:api`, written straight into the database as it is generated",
      "(one transaction, the dataset is never held in memory): millions of events need no YAML.",
      "A progress line (entities, entities per second) goes to stderr when it is a terminal;",
      "the summary is printed at the end (JSON with --json).",
    ],
    examples: [
      "dealmap db synth --events 2000 --db ./synthetic.sqlite",
      "dealmap db synth --events 5000 --seed 7 --db ./synthetic.sqlite --json | jq .counts",
    ],
  },
  {
    name: "import gdelt",
    summary: "import GDELT 2.0 event exports (tab-separated, plain or zipped) into the --db database",
    args: ["FILE..."],
    json: true,
    reads: "database",
    options: {
      mentions: {
        type: "string",
        multiple: true,
        value: "FILE",
        description: "GDELT 2.0 mentions files: each adds its article as a source of the event it mentions",
      },
      ...IMPORT_OPTIONS,
    },
    details: [
      ...IMPORT_DETAILS,
      "Rows reporting the same event (day, actor pair, base code, place) become one event with the",
      "counts of rows, mentions and sources; country codes resolve to the curated state actors.",
      "The mapping is documented in packages/dataset/README.md.",
    ],
    examples: [
      "dealmap import gdelt events.export.CSV --db ./dealmap.sqlite",
      "dealmap import gdelt events.export.CSV --mentions mentions.CSV --dataset gdelt-2025 --db ./dealmap.sqlite",
    ],
  },
  {
    name: "import ftm",
    summary:
      "import FollowTheMoney entities (JSON lines, as OpenSanctions publishes them) into the --db database",
    args: ["FILE..."],
    json: true,
    reads: "database",
    options: { ...IMPORT_OPTIONS },
    details: [
      ...IMPORT_DETAILS,
      "People, companies and organizations become actors (every name kept, in every script);",
      "sanctions become sanctions-imposed events; ownership, directorship and family become relations.",
      "Schemas Dealmap does not model (addresses, passports, payments…) are counted as skipped.",
    ],
    examples: [
      "dealmap import ftm entities.ftm.json --dataset opensanctions --db ./dealmap.sqlite",
      "dealmap import ftm entities.ftm.json --dataset sanctions-2 --skip-bad --json --db ./dealmap.sqlite | jq .skipped",
    ],
  },
  {
    name: "import csv",
    summary: "import a spreadsheet of events (and optionally actors) into the --db database",
    args: ["FILE"],
    json: true,
    reads: "database",
    options: {
      actors: { type: "string", value: "FILE", description: "a spreadsheet of actors the events refer to" },
      ...IMPORT_OPTIONS,
    },
    details: [
      ...IMPORT_DETAILS,
      "The columns are those `dealmap export --format csv` writes (see packages/dataset/README.md):",
      "fill the template in a spreadsheet app and save it as CSV (UTF-8).",
    ],
    examples: ["dealmap import csv events.csv --actors actors.csv --dataset my-notes --db ./dealmap.sqlite"],
  },
  {
    name: "datasets",
    summary: "list the --db database's datasets (loaded and imported) with counts per kind",
    args: [],
    json: true,
    reads: "database",
    options: {},
    details: ["Each import's format, files and time are in the JSON (--json)."],
    examples: [
      "dealmap datasets --db ./dealmap.sqlite",
      "dealmap datasets --db ./dealmap.sqlite --json | jq '.datasets[].name'",
    ],
  },
  {
    name: "datasets rm",
    summary: "remove an imported dataset from the --db database: exactly its values",
    args: ["NAME"],
    json: true,
    reads: "database",
    options: {},
    details: [
      "In one transaction. Loaded data (built-in, --data directories) is not removed this way: load",
      "the database again without it.",
    ],
    examples: ["dealmap datasets rm gdelt-2025 --db ./dealmap.sqlite"],
  },
  {
    name: "datasets candidates",
    summary: "imported actors that may be curated ones: same-as candidates, by name and country",
    args: ["NAME"],
    json: true,
    reads: "database",
    options: {},
    details: [
      "Each imported actor's name and aliases are searched among the loaded data's actors with the",
      "explorer's own search (romanizations, typos): a candidate matches on a name or alias, is of the",
      "same kind, and its country does not differ. Nothing is merged: a candidate is for the curator",
      "to judge. States are not listed: country codes already resolve to the curated ones.",
    ],
    examples: [
      "dealmap datasets candidates opensanctions --db ./dealmap.sqlite",
      "dealmap datasets candidates opensanctions --db ./dealmap.sqlite --json | jq .actorsLookedAt",
    ],
  },
  {
    name: "datasets accept",
    summary: "accept a same-as: an imported actor or event is a curated one, merged into it",
    args: ["NAME", "IMPORTED", "CURATED"],
    json: true,
    reads: "database",
    options: {
      note: { type: "string", value: "TEXT", description: "why they are the same (kept with the statement)" },
    },
    details: [
      "In one transaction: the import's entities that name IMPORTED name CURATED instead (an actor's",
      "events and relations: its profile, network and counts take them in; events linking to an event),",
      "IMPORTED is no longer listed, and looking it up finds CURATED. Actors: a candidate from",
      "`datasets candidates`; their kinds and countries must agree. Events: one promoted with",
      "`dealmap promote` and loaded, so that it is not shown twice (the curated values are kept). The",
      "statement stays with the import: importing NAME again applies it again, a load must keep CURATED,",
      "and `dealmap datasets rm NAME` removes it with the rest. `dealmap datasets --json` lists it.",
      "`dealmap datasets unaccept NAME IMPORTED` withdraws it.",
    ],
    examples: [
      'dealmap datasets accept opensanctions opensanctions-authority-us-ofac ofac --note "the same office" --db ./dealmap.sqlite',
    ],
  },
  {
    name: "datasets unaccept",
    summary: "withdraw an accepted same-as: the imported record is its own again",
    args: ["NAME", "IMPORTED"],
    json: true,
    reads: "database",
    options: {},
    details: [
      "In one transaction: IMPORTED comes back under its own id, and the import's entities the",
      "statement rewrote are written back as the import gave them, where they were in the import (the",
      "import's other accepted statements still apply). Every view then answers as it did before the",
      "accept. The curated record is not touched. A same-as accepted before schema version 8 kept no",
      "copy of what it rewrote: remove the import and import it again instead.",
    ],
    examples: [
      "dealmap datasets unaccept opensanctions opensanctions-authority-us-ofac --db ./dealmap.sqlite",
    ],
  },
  {
    name: "promote",
    summary: "the YAML of a curated event made from an imported one, citations filled in",
    args: ["ID"],
    json: true,
    inputs: { newId: "--id" },
    options: {
      id: {
        type: "string",
        value: "NEW",
        description: "the curated event's id (default: the imported id without its dataset prefix)",
      },
      out: {
        type: "string",
        value: "DIR",
        description:
          "write the files into the data directory DIR (events/, and sources/, actors/, places/ as needed)",
      },
    },
    details: [
      "The event keeps its kind, date, participants, places and citations; what it refers to that the",
      "curated data does not hold (the import's sources, actors, places) is copied under curated ids.",
      "Check every value and write the title and summary in your own words, then `dealmap validate DIR`",
      "and `dealmap db load --data DIR`. The imported id is named in the first citation's note.",
    ],
    examples: [
      "dealmap promote $(dealmap events --dataset events --json --limit 1 --db ./dealmap.sqlite | jq -r '.[0].id') --db ./dealmap.sqlite",
    ],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
