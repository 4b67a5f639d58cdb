/**
 * How long a request may wait while a SQL store warms up (the network index and the ledger's
 * order, read aside in pages): the worst lag of a 2 ms timer during `warm()`, and every lag
 * over 50 ms. Three runs per page size given, interleaved.
 *
 *   pnpm --filter @dealmap/api bench:warm -- FILE|URL [pageRows…]
 */
import { SqlStore } from "../src/index.ts";

const args = process.argv.slice(2).filter((a) => a !== "--");
const target = args[0];
if (!target) {
  console.error("usage: bench:warm -- FILE|URL [pageRows…]");
  process.exit(2);
}
const sizes = args.slice(1).map(Number);

async function once(pageRows: number | undefined): Promise<string> {
  const store = await SqlStore.open(target as string, pageRows ? { pageRows } : {});
  try {
    let last = performance.now();
    let worst = 0;
    const long: number[] = [];
    const tick = setInterval(() => {
      const now = performance.now();
      const lag = now - last - 2;
      if (lag > 50) long.push(Math.round(lag));
      worst = Math.max(worst, lag);
      last = now;
    }, 2);
    const t0 = performance.now();
    await store.warm();
    clearInterval(tick);
    return `warm-up ${Math.round(performance.now() - t0)} ms, worst wait ${Math.round(worst)} ms, waits over 50 ms: ${long.join(", ") || "none"}`;
  } finally {
    await store.close();
  }
}

for (let round = 0; round < 3; round++)
  for (const n of sizes.length ? sizes : [undefined])
    console.log(`pageRows ${n ?? "default"}: ${await once(n)}`);
