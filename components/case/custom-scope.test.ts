import { describe, expect, it } from "vitest";
import { customScope } from "./custom-scope";

describe("customScope", () => {
  const draft = (from: string, to: string) => ({ mode: "custom" as const, from, to });

  it("takes a range inside the conversation that includes the reported messages", () => {
    expect(customScope(draft("5", "40"), 60, [20, 30])).toEqual({ scope: { from: 5, to: 40 } });
    expect(customScope(draft("20", "20"), 60, [20])).toEqual({ scope: { from: 20, to: 20 } });
  });

  it("refuses a range that leaves out a reported message", () => {
    expect(customScope(draft("21", "40"), 60, [20, 30])).toMatchObject({ error: expect.stringMatching(/must include the reported messages \(20, 30\)/) });
  });

  it("refuses a range outside the conversation, backwards, or not whole numbers", () => {
    for (const [from, to] of [["0", "10"], ["10", "61"], ["30", "20"], ["", "10"], ["1.5", "10"], ["a", "b"]]) {
      expect(customScope(draft(from!, to!), 60, []), `${from}–${to}`).toMatchObject({ error: expect.stringMatching(/between 1 and 60/) });
    }
  });
});
