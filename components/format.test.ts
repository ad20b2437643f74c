import { describe, expect, it } from "vitest";
import { formatInZone, formatUtc } from "./format";

describe("formatInZone", () => {
  const iso = "2026-11-22T14:05:09.000Z";
  it("shows the moment in the given zone with its short name", () => {
    expect(formatInZone(iso, "Europe/Berlin")).toBe("2026-11-22 15:05:09 CET");
    expect(formatInZone(iso, "UTC")).toBe("2026-11-22 14:05:09 UTC");
    expect(formatInZone("2026-07-01T23:30:00.000Z", "Europe/Berlin", { seconds: false })).toBe("2026-07-02 01:30 CEST");
  });
  it("can leave out the date", () => {
    expect(formatInZone(iso, "Europe/Berlin", { date: false, seconds: false })).toBe("15:05 CET");
  });
  it("falls back to UTC text for an unknown zone and returns bad input as it came", () => {
    expect(formatInZone(iso, "Mars/Olympus")).toBe(formatUtc(iso));
    expect(formatInZone("not a date", "Europe/Berlin")).toBe("not a date");
  });
});
