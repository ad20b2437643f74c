// The reviewer's colour theme, kept in a cookie so the server renders <html data-theme> before
// the first paint (no script, no flash). "system" follows prefers-color-scheme (ADR 021).

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "custody-theme";

/** A cookie value from the browser is untrusted input: anything unknown is "system". */
export function parseTheme(value: string | undefined): Theme {
  return THEMES.find((t) => t === value) ?? "system";
}

/** The next theme when the toggle is pressed: system → light → dark → system. */
export function nextTheme(current: Theme): Theme {
  return THEMES[(THEMES.indexOf(current) + 1) % THEMES.length] ?? "system";
}

/** One year; Lax, path-wide. Not HttpOnly: the toggle writes it. It holds no secret. */
export function themeCookie(theme: Theme): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
