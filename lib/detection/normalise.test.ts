import { describe, expect, it } from "vitest";
import { normalise, wordCount } from "./normalise";

describe("normalise", () => {
  it("folds case and separates words by single spaces, with a space at each end", () => {
    expect(normalise("Hello,   WORLD!")).toBe(" heio worid ");
    expect(normalise("")).toBe(" ");
    expect(normalise("!!! ...")).toBe(" ");
  });

  it("drops diacritics and compatibility forms (NFKD) and invisible format characters", () => {
    expect(normalise("idíot")).toBe(normalise("idiot"));
    expect(normalise("Ｉｄｉｏｔ")).toBe(normalise("idiot"));
    expect(normalise("ｌｏｓｅｒ")).toBe(normalise("loser"));
    expect(normalise("id\u200Biot")).toBe(normalise("idiot"));
    expect(normalise("lo\u00ADser")).toBe(normalise("loser"));
    expect(normalise("STRASSE")).toBe(normalise("Straße"));
  });

  it("reads the common character swaps as letters", () => {
    expect(normalise("1d10t")).toBe(normalise("idiot"));
    expect(normalise("l0s3r")).toBe(normalise("loser"));
    expect(normalise("$cam")).toBe(normalise("scam"));
    expect(normalise("@ss")).toBe(normalise("ass"));
    expect(normalise("h4t3")).toBe(normalise("hate"));
    expect(normalise("7r4$h")).toBe(normalise("trash"));
    expect(normalise("5tupid")).toBe(normalise("stupid"));
    // 1 stands for i and for l, so both spellings meet it.
    expect(normalise("k1ll")).toBe(normalise("kill"));
    expect(normalise("1oser")).toBe(normalise("loser"));
  });

  it("collapses repeated letters on both sides", () => {
    expect(normalise("stuuuuupid")).toBe(normalise("stupid"));
    expect(normalise("LOOOSERRR")).toBe(normalise("loser"));
    expect(normalise("kill")).toBe(normalise("kil"));
  });

  it("keeps letters of other scripts and treats emoji and punctuation as separators", () => {
    expect(normalise("Привет, мир")).toBe(" привет мир ");
    expect(normalise("bad😀word")).toBe(" bad word ");
    expect(normalise("𝐢𝐝𝐢𝐨𝐭")).toBe(normalise("idiot"));
  });

  it("counts words", () => {
    expect(wordCount(normalise("send me a gift card"))).toBe(5);
    expect(wordCount(normalise(""))).toBe(0);
  });
});
