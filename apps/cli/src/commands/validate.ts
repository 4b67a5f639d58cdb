/**
 * `dealmap validate [DIR]`: check data and report every problem at once.
 */
import path from "node:path";
import { formatProblem } from "@dealmap/dataset";
import {
  citedPassage,
  type Dataset,
  ENTITY_KINDS,
  type EntityKind,
  forEachCitation,
  formatPath,
  type Provenance,
  SINGULAR,
} from "@dealmap/domain";
import type { Ctx } from "../context.ts";
import { loadDirs } from "../data.ts";
import { EXIT, json, UsageError } from "../output.ts";
import { sourceTexts } from "../source-texts.ts";

export function countKinds(d: Dataset): Record<EntityKind, number> {
  return Object.fromEntries(ENTITY_KINDS.map((k) => [k, d[k].length])) as Record<EntityKind, number>;
}

/** "3 sources, 1 actor, 0 places, …" */
export function countsLine(counts: Record<EntityKind, number>): string {
  return ENTITY_KINDS.map((k) => `${counts[k]} ${counts[k] === 1 ? SINGULAR[k] : k}`).join(", ");
}

/** What the statements did: records merged by same-as, entities given values, disputes. */
function statementCounts(p: Provenance | undefined) {
  if (!p) return { sameAs: 0, addedTo: 0, disputes: 0 };
  return {
    sameAs: Object.keys(p.sameAs).length,
    addedTo: Object.values(p.values).filter((v) => v.length > 0).length,
    disputes: Object.values(p.disputes).reduce((n, d) => n + d.length, 0),
  };
}

export async function run(ctx: Ctx): Promise<number> {
  if (ctx.global.api) {
    throw new UsageError("validate checks data files; --api is not supported here", ctx.command);
  }
  const arg = ctx.positionals[0];
  const alone = ctx.values.alone === true;
  const dirs = arg ? [path.resolve(ctx.io.cwd, arg)] : [];
  const shown = arg ?? "the built-in data";
  const withBuiltin = !alone || !arg;
  const result = loadDirs(dirs, withBuiltin);

  if (!result.ok) {
    const n = result.problems.length;
    if (ctx.global.json) {
      ctx.io.out(
        json({ valid: false, problems: result.problems.map((p) => ({ ...p, text: formatProblem(p) })) }),
      );
    } else {
      ctx.io.out(`${result.problems.map(formatProblem).join("\n")}\n`);
    }
    ctx.io.err(
      `${shown}: ${n} problem${n === 1 ? "" : "s"}${arg && withBuiltin ? " (checked with the built-in data)" : ""}\n`,
    );
    return EXIT.failure;
  }

  const total = countKinds(result.dataset);
  let counts = total;
  if (arg && withBuiltin) {
    // Report what DIR itself contributes: the merged counts minus the built-in ones.
    const base = loadDirs([], true);
    if (base.ok) {
      const b = countKinds(base.dataset);
      counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, total[k] - b[k]])) as Record<
        EntityKind,
        number
      >;
    }
  }
  if (ctx.values.passages === true && !ctx.global.json) {
    // each cited passage beside its claim (terminal-safe: every output goes through safeIo)
    const texts = sourceTexts(result.dataset, dirs);
    const lines: string[] = [];
    forEachCitation(result.dataset, (kind, id, p, c) => {
      const paragraphs = texts.get(c.source);
      if (!paragraphs || c.paragraph === undefined) return;
      const para = paragraphs[c.paragraph - 1];
      if (para === undefined) return;
      const span = c.span ? ` [${c.span[0]}, ${c.span[1]}]` : "";
      lines.push(
        `${SINGULAR[kind]} ${id}  ${formatPath(p)}  ${c.source} paragraph ${c.paragraph}${span}`,
        `  "${citedPassage(para, c.span)}"`,
      );
    });
    if (lines.length > 0) ctx.io.out(`${lines.join("\n")}\n`);
  }
  const statements = statementCounts(result.provenance);
  if (ctx.global.json) {
    ctx.io.out(json({ valid: true, dir: arg ?? null, withBuiltin, counts, total, statements }));
  } else {
    const extra = arg && withBuiltin ? ` (checked together with the built-in data)` : "";
    const merged =
      statements.sameAs + statements.addedTo + statements.disputes > 0
        ? `; statements: ${statements.sameAs} merged by same-as, values added to ${statements.addedTo} ${statements.addedTo === 1 ? "entity" : "entities"}, ${statements.disputes} ${statements.disputes === 1 ? "dispute" : "disputes"}`
        : "";
    ctx.io.out(`${shown} is valid: ${countsLine(counts)}${merged}${extra}\n`);
  }
  return EXIT.ok;
}
