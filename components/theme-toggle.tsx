"use client";

import { useState } from "react";
import { nextTheme, themeCookie, type Theme } from "@/lib/client/theme";

const LABEL: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** Cycles the colour theme (system → light → dark) and remembers it in a cookie. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <button
      type="button"
      data-theme-toggle
      aria-label={`Theme: ${LABEL[theme]}. Switch to ${LABEL[nextTheme(theme)]}`}
      title={`Theme: ${LABEL[theme]} (click for ${LABEL[nextTheme(theme)]})`}
      onClick={() => {
        const next = nextTheme(theme);
        document.documentElement.dataset.theme = next;
        document.cookie = themeCookie(next);
        setTheme(next);
      }}
      className="rounded px-2 py-1 text-[13px] font-medium text-chrome-muted hover:bg-chrome-hover hover:text-chrome-fg"
    >
      Theme: {LABEL[theme]}
    </button>
  );
}
