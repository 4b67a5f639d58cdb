/**
 * Writing a large generated file as a stream, for the synthetic-file writers: text is sent to
 * the disk 64 KiB at a time, waiting whenever the stream's buffer is full, so memory stays flat
 * however many lines there are.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";

/** Write `chunks` (each ending in its own line break) to `file`; resolves with the bytes once closed. */
export async function writeChunks(file: string, chunks: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  const closed = once(out, "close");
  let bytes = 0;
  let batch = "";
  try {
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= 1 << 16) {
        bytes += Buffer.byteLength(batch);
        if (!out.write(batch)) await once(out, "drain");
        batch = "";
      }
    }
    bytes += Buffer.byteLength(batch);
    out.end(batch);
  } catch (err) {
    out.destroy();
    throw err;
  }
  await closed;
  return bytes;
}
