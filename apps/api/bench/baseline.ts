/**
 * Benchmark baseline: a bare node:http server answering each path with a precomputed JSON body
 * (the bytes the real server returns for that URL), to show the cost of everything the real
 * server does on this machine.
 */
import { createServer } from "node:http";

process.once("message", (bodies: Record<string, string>) => {
  const byPath = new Map(Object.entries(bodies).map(([path, body]) => [path, Buffer.from(body, "utf8")]));
  const server = createServer((req, res) => {
    const bytes = byPath.get(req.url ?? "");
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": bytes.length });
    res.end(bytes);
  });
  server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    process.send?.({ type: "ready", port: typeof addr === "object" && addr ? addr.port : 0 });
  });
  process.on("message", (m) => {
    if (m === "rss") process.send?.({ type: "rss", rss: process.memoryUsage().rss });
    if (m === "exit") server.close(() => process.exit(0));
  });
});
