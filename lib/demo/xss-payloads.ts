// Classic cross-site-scripting payloads, seeded as ordinary chat messages. DM text is
// attacker-controlled input that staff screens render, so a test opens a thread containing these
// and checks they show up as literal text and never execute (no alert, no injected element, no
// javascript: link). Each is used exactly once, verbatim, as a whole message.

export const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  '"><svg onload=alert(1)>',
  "<iframe src=\"javascript:alert('xss')\"></iframe>",
  '<a href="javascript:alert(document.domain)">click me</a>',
  "<body onload=alert('body')>",
  "'\"><img src=x onerror=alert(document.cookie)>",
  "<svg><script>alert('svg')</script></svg>",
  "<details open ontoggle=alert('details')>",
  "<input autofocus onfocus=alert('focus')>",
  "{{constructor.constructor('alert(1)')()}}",
] as const;

export type XssPayload = (typeof XSS_PAYLOADS)[number];
