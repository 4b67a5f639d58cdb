/**
 * Benchmark baseline: a bare node:http server answering every request with one precomputed
 * JSON body (the same timeline page the real server returns), to show the cost of Fastify,
 * tRPC, validation and the query itself on this machine.
 */
import { createServer } from "node:http";

process.once("message", (body: string) => {
  const bytes = Buffer.from(body, "utf8");
  const server = createServer((_req, res) => {
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
