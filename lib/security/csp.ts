// The Content-Security-Policy for every page. Scripts run only with this response's nonce
// (Next.js stamps it on its own scripts); nothing may frame Custody; no plugins, no <base>
// tricks, forms post only to us. Inline style *attributes* are allowed because components set
// widths (progress bars) through them; they cannot run script.
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** The policy for everything that is not a page (JSON, files): nothing to load, nobody may frame it. */
export const UNFRAMEABLE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, pages and API alike. */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};
