// Every number the access policy depends on, in one place so the generated policy document
// (docs/access-policy.md) states exactly what the code enforces.

/** A justification shorter than this is refused. */
export const MIN_JUSTIFICATION = 20;
/** A case decision's note, a rejection's note or a revocation's reason shorter than this is refused. */
export const MIN_NOTE = 3;
/** Grant lifetime: default and ceiling (CUSTODY_GRANT_MINUTES may choose within it). */
export const DEFAULT_GRANT_MINUTES = 30;
export const MAX_GRANT_MINUTES = 240;
/** A scope wider than this many messages needs second-person approval. */
export const WIDE_SCOPE_MESSAGES = 50;
/** A user report's default scope: the reported messages and this many either side (an appeal's too). */
export const REPORT_SCOPE_RADIUS = 10;
/** A detection flag's default scope: the flagged message and this many either side. */
export const FLAG_SCOPE_RADIUS = 5;
/** One "show earlier/later messages" step widens the scope by this many messages. */
export const EXPANSION_STEP = 10;
/** An EMERGENCY request may ask for at most this window of messages. */
export const EMERGENCY_MAX_HOURS = 72;
/** A request awaiting second-person approval lapses after this long. */
export const APPROVAL_TTL_HOURS = 24;
/** Reading content needs a TOTP check this recent. */
export const STEP_UP_MINUTES = 15;
/**
 * The platform's signed intake requests: how far `webhook-timestamp` may be from now, either
 * way. Fixed by the `standardwebhooks` package at five minutes; a unit test holds it to that.
 */
export const SIGNATURE_TOLERANCE_MINUTES = 5;
/** Wrong TOTP codes per session: the first few freely, then with backoff; at the maximum that session's step-up locks. */
export const TOTP_FREE_FAILURES = 2;
export const MAX_TOTP_FAILURES = 5;
/** Wrong TOTP codes for one account from one client (IP HMAC) within the lock period before that client is locked out. */
export const CLIENT_TOTP_LOCK_FAILURES = 10;
export const TOTP_LOCK_MINUTES = 60;
/** Wrong passwords per account within the window: the first freely, then with backoff, then a lockout. */
export const SIGN_IN_FREE_FAILURES = 5;
export const SIGN_IN_LOCK_FAILURES = 10;
/** The same per client (IP HMAC), across accounts, against password spraying. */
export const CLIENT_SIGN_IN_FREE_FAILURES = 20;
export const CLIENT_SIGN_IN_LOCK_FAILURES = 50;
/** Failures older than this are forgotten; a lockout lasts this long. */
export const SIGN_IN_WINDOW_MINUTES = 15;
export const SIGN_IN_LOCK_MINUTES = 15;
/** Backoff after the free failures: 1 s, doubling with each failure, at most this long. */
export const BACKOFF_MAX_SECONDS = 60;
/** An initial password (demo mode only; production staff sign in with SSO) is at least this long. */
export const MIN_PASSWORD = 12;
/** Sessions end after this long without a request, and after this long in any case. */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_MAX_HOURS = 12;
/** Content reads per reader per hour (CUSTODY_READ_LIMIT_PER_HOUR overrides). */
export const DEFAULT_READ_LIMIT_PER_HOUR = 60;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A decision's webhook is retried, with exponential backoff, for this long before it is given up. */
export const DELIVERY_GIVE_UP_HOURS = 24;
/** One delivery attempt waits at most this long for the platform's answer. */
export const DELIVERY_TIMEOUT_SECONDS = 10;

/** A legal request's uploaded document (PDF or image), decoded, at most this many bytes. */
export const MAX_LEGAL_DOCUMENT_BYTES = 512 * 1024;
/** A legal request names at most this many platform accounts. */
export const MAX_NAMED_ACCOUNTS = 20;
/** A preservation request's hold lasts this long and may be renewed this many times (18 U.S.C. 2703(f)(2)). */
export const PRESERVATION_HOLD_DAYS = 90;
export const PRESERVATION_MAX_RENEWALS = 1;
/** A hold for a CyberTipline report to NCMEC lasts a year (18 U.S.C. 2258A(h), as amended in 2024). */
export const NCMEC_HOLD_DAYS = 365;
/** A verification's note is at least this long: what was checked, and against what. */
export const MIN_VERIFICATION_NOTE = 10;
export const DAY_MS = 24 * HOUR;
/** One "extend" step adds this many minutes to a live grant; never past MAX_GRANT_MINUTES from its start (ADR 030). */
export const EXTENSION_MINUTES = 30;
/** The thread's grant timer warns when this many minutes are left, and again at the last. */
export const GRANT_WARN_MINUTES = [5, 1] as const;
