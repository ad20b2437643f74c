import { describe, expect, it } from "vitest";
import { nextTheme, parseTheme, themeCookie } from "./theme";

describe("theme", () => {
  it("parses only the three known values; anything else follows the system", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("system")).toBe("system");
    expect(parseTheme(undefined)).toBe("system");
    expect(parseTheme("DARK")).toBe("system");
    expect(parseTheme('dark" onload="x')).toBe("system");
  });

  it("cycles system → light → dark → system", () => {
    expect(nextTheme("system")).toBe("light");
    expect(nextTheme("light")).toBe("dark");
    expect(nextTheme("dark")).toBe("system");
  });

  it("writes a path-wide, long-lived, Lax cookie", () => {
    expect(themeCookie("dark")).toBe("custody-theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
