import { describe, expect, it } from "vitest";
import { ExportFormatError, exportHeaderLine, linesOf, readExport } from "./export-format";

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function* chunksOf(bytes: Buffer, sizes: number[]) {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe("linesOf", () => {
  it("splits a byte stream into lines whatever the chunk boundaries, including inside a UTF-8 character", async () => {
    const text = "first — line\r\nsecond 😀\n\nlast without newline";
    for (const sizes of [[1], [2, 3], [7], [1000]]) {
      const lines = (await collect(linesOf(chunksOf(Buffer.from(text), sizes)))).flat();
      expect(lines).toEqual(["first — line", "second 😀", "", "last without newline"]);
    }
    expect((await collect(linesOf(chunksOf(Buffer.from("a\nb\n"), [10])))).flat()).toEqual(["a", "b"]);
  });
});

describe("readExport", () => {
  const header = exportHeaderLine({ scope: "contiguous", origin: "o" });

  it("reads the lines before the events and leaves the events unread", async () => {
    const checkpoint = JSON.stringify({ type: "checkpoint", note: "n" });
    const frontier = JSON.stringify({ type: "frontier", size: 0, hashes: [] });
    const parsed = await readExport(["", header, checkpoint, frontier, '{"type":"event","leafIndex":0,"event":{}}', "x"]);
    expect(parsed).toMatchObject({ header: { scope: "contiguous", origin: "o" }, checkpoints: ["n"], frontier: { size: 0 } });
    expect([...(parsed.events as Iterable<unknown>)].flat()).toEqual(['{"type":"event","leafIndex":0,"event":{}}', "x"]);
  });

  it("refuses files that are not exports, naming the line", async () => {
    const bad: [string[], RegExp][] = [
      [[], /line 0: not a custody-access-log-export file/],
      [["{}"], /line 1: not a/],
      [["[1]"], /line 1: not a JSON object/],
      [[header.replace('"version":1', '"version":2')], /unsupported version 2/],
      [[header.replace("contiguous", "sideways")], /scope/],
      [[header, "{oops"], /line 2: not JSON/],
      [[header, JSON.stringify({ type: "frontier" }), JSON.stringify({ type: "frontier" })], /line 3: unexpected "frontier"/],
      [[header, JSON.stringify({ type: "consistency", fromSize: 1 })], /unexpected "consistency"/],
    ];
    for (const [lines, message] of bad) {
      await expect(readExport(lines)).rejects.toThrow(ExportFormatError);
      await expect(readExport(lines)).rejects.toThrow(message);
    }
  });
});
