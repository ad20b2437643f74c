// Fixed TOTP secrets (base32) for the demo staff who can read content, documented in the
// README so the demo and the end-to-end tests can pass the step-up. Demo only: real staff
// enrol their own authenticator on first step-up. No imports, so browser-side test code
// (Playwright) can use it too.
export const DEMO_TOTP_SECRETS = {
  "reviewer@custody.test": "CUSTODYDEMOREVIEWERONEAAAAAAAAAA",
  "reviewer2@custody.test": "CUSTODYDEMOREVIEWERTWOAAAAAAAAAA",
  "lead@custody.test": "CUSTODYDEMOLEADAAAAAAAAAAAAAAAAA",
  "legal@custody.test": "CUSTODYDEMOLEGALAAAAAAAAAAAAAAAA",
} as const;
