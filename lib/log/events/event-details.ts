import { z } from "zod";
import { POST_HOC_VERDICTS } from "@/lib/policy/post-hoc-review";
import { THROTTLES, type ThrottleScope } from "@/lib/policy/throttle";
import type { WritableAction } from "./actions";

// What `details` holds for each action: one zod schema per action, joined into a
// discriminated union on `action` (documenso's audit-log pattern). recordEvent checks every
// event against it before the insert, and the objects are strict, so a writer that puts a
// misspelt or unplanned key into the permanent, signed log fails loudly in its tests instead
// of writing it (or having it silently dropped). `details` holds no DM content, ever.
// Reserved actions (actions.ts) have no variant, so they cannot be written until they get one.

const count = z.number().int().nonnegative();
const id = z.string().max(100);
const iso = z.string().max(40);
const text = (max: number) => z.string().max(max);
const scope = z.strictObject({ scopeFrom: count, scopeTo: count });
const direction = z.enum(["earlier", "later"]);

const staffSnapshot = z.strictObject({
  name: z.string(),
  roles: z.array(z.string()),
  regions: z.array(z.string()),
  disabled: z.boolean(),
  links: z.array(z.strictObject({ handle: z.string(), relation: z.string() })),
  /** Only in a refused change's `attempted`: whether it asked to reset the authenticator. */
  resetTotp: z.boolean().optional(),
});

/** A verification of the database's log: from the workspace (with its timings) or the command line (via "cli", maybe against a trusted checkpoint). */
const verdict = {
  mode: z.literal("database"),
  via: z.literal("cli").optional(),
  checkpoints: count.optional(),
  checkpointFiles: count.optional(),
  durationMs: count.optional(),
  trustedCheckpointSize: count.nullable().optional(),
};

/**
 * The auditor's search filters as given (search-filters.ts bounds each; the recorder bounds
 * them again). The names are FILTER_KEYS of lib/audit/search, which lib/log may not import; a
 * test keeps the two equal.
 */
const filter = text(200).optional();
export const SEARCH_FILTER_DETAILS = z.strictObject({ actor: filter, role: filter, action: filter, outcome: filter, purpose: filter, case: filter, conversation: filter, account: filter, from: filter, to: filter, q: filter });

/**
 * Why a password or TOTP attempt was throttled (refused unchecked, with when to retry), or
 * which keys this failure locked (lib/policy/throttle.ts).
 */
const throttleScope = z.enum(Object.keys(THROTTLES) as [ThrottleScope, ...ThrottleScope[]]);
const throttle = z.union([
  z.strictObject({ scope: throttleScope, state: z.enum(["backoff", "locked"]), retryAfterSeconds: count }),
  z.strictObject({ state: z.literal("locked"), scopes: z.array(throttleScope), minutes: count.optional() }),
]);

/** A second person's decision on a request: refused ({ requesterId }) or made. */
const approvalDecision = z.union([
  z.strictObject({ requesterId: id }),
  z.strictObject({
    requesterId: id,
    requesterEmail: z.string(),
    approvalReasons: z.array(z.string()),
    ...scope.shape,
    note: z.string().nullable(),
    replacesGrantId: id.optional(),
    postHocReview: z.literal("required").optional(),
    expiresAt: iso.optional(),
  }),
]);

/** A detection rule as a version holds it (lib/detection/rule-definition.ts; terms are rule text, never DM text). */
const ruleSnapshot = z.strictObject({
  name: z.string(),
  category: z.string(),
  severity: z.string(),
  enabled: z.boolean(),
  definition: z.record(z.string(), z.unknown()),
});

const variant = <A extends WritableAction, S extends z.ZodType>(action: A, details: S) => z.strictObject({ action: z.literal(action), details });

export const EVENT_DETAILS = z.discriminatedUnion("action", [
  // A refused read of a malformed case id keeps (a bounded prefix of) what was asked for.
  variant("CONTENT_READ", z.strictObject({ requestedCaseId: text(100) }).optional()),
  variant("SCOPE_EXPANDED", z.union([z.strictObject({ direction, before: scope, after: scope }), z.strictObject({ direction, ...scope.shape })])),
  variant(
    "GRANT_REQUESTED",
    z
      .union([
        z.strictObject({
          ...scope.shape,
          status: z.enum(["ACTIVE", "PENDING"]),
          approvalRequired: z.array(z.string()).optional(),
          approvalDueAt: iso.optional(),
          expiresAt: iso.optional(),
          window: z.strictObject({ from: iso, to: iso }).optional(),
        }),
        z.strictObject({ expansionOf: id, direction, before: scope, after: scope, status: z.literal("PENDING"), approvalRequired: z.array(z.string()), approvalDueAt: iso }),
      ])
      .optional(),
  ),
  variant("GRANT_APPROVED", approvalDecision),
  variant("GRANT_REJECTED", approvalDecision),
  variant("GRANT_REVOKED", z.strictObject({ holderId: id, reason: z.string().optional() })),
  variant("GRANT_EXPIRED", z.strictObject({ reason: z.string(), requesterId: id })),
  variant("EMERGENCY_REVIEWED", z.union([z.strictObject({ holderId: id }), z.strictObject({ verdict: z.enum(POST_HOC_VERDICTS), note: z.string(), holderId: id, approvedById: id.nullable() })])),
  variant("CASE_CLAIMED", z.undefined()),
  // A final decision names its outbox row (the webhook's decisionId) and the account it applies to.
  variant("CASE_DECIDED", z.strictObject({ decision: z.string(), note: z.string(), endedGrantIds: z.array(id), decisionId: id.optional(), targetAccountId: id.optional() })),
  variant(
    "SIGN_IN",
    z.union([
      z.strictObject({ method: z.literal("password"), sessionId: id }),
      // Through the OpenID provider: its issuer and subject, whether this sign-in linked them to
      // the staff record (by verified e-mail), and whether the provider's MFA counted as step-up.
      z.strictObject({ method: z.literal("oidc"), sessionId: id, issuer: text(500), subject: text(255), linked: z.boolean(), idpStepUp: z.boolean() }),
    ]),
  ),
  variant("SIGN_OUT", z.strictObject({ reason: z.string(), sessionId: id })),
  variant("SIGN_IN_FAILED", z.strictObject({ email: z.string(), throttle: throttle.optional() })),
  variant("STEP_UP", z.strictObject({ method: z.enum(["totp", "passkey"]), sessionId: id, enrolled: z.boolean().optional(), throttle: throttle.optional(), passkeyId: id.optional() })),
  variant(
    "STAFF_CHANGED",
    z.union([
      z.strictObject({ subject: z.strictObject({ id: id.optional(), email: z.string().optional() }), before: staffSnapshot.nullable(), attempted: staffSnapshot }),
      z.strictObject({
        subject: z.strictObject({ id, email: z.string() }),
        changed: z.array(z.string()),
        before: staffSnapshot.nullable(),
        after: staffSnapshot,
        endedSessions: count.optional(),
        endedGrants: count.optional(),
      }),
    ]),
  ),
  variant("ACCESS_DENIED", z.strictObject({ operation: text(200) })),
  variant(
    "RULE_CHANGED",
    z.strictObject({
      ruleId: id,
      version: count,
      rulesetVersion: count,
      changed: z.array(z.string()),
      before: ruleSnapshot.nullable(),
      after: ruleSnapshot,
      /** Written by the demo seed, not by a person. */
      via: z.literal("seed").optional(),
    }),
  ),
  variant("DETECTION_REGION_CHANGED", z.strictObject({ region: z.enum(["US", "EU"]), before: z.boolean(), after: z.boolean(), wasDefault: z.boolean() })),
  variant("KEY_ROTATED", z.strictObject({ from: z.string(), to: z.string(), rewrapped: count, by: z.string() })),
  variant(
    "AUDIT_SEARCHED",
    z.discriminatedUnion("view", [
      z.strictObject({ view: z.literal("log"), filters: SEARCH_FILTER_DETAILS, cursor: id.nullable(), limit: count, returned: count, more: z.boolean(), unmatched: text(200).nullable() }),
      z.strictObject({ view: z.literal("account-report"), filters: SEARCH_FILTER_DETAILS, accountId: id.nullable(), returned: count, total: count }),
    ]),
  ),
  variant(
    "AUDIT_VERIFIED",
    z.union([
      z.strictObject({ ...verdict, ok: z.literal(true), events: count, verifiedSize: count, verifiedRoot: z.string().nullable(), unsealedEvents: count.optional() }),
      z.strictObject({ ...verdict, ok: z.literal(false), kind: z.string(), problem: z.string(), firstBadSeq: z.string().nullable(), firstBadLeafIndex: count.nullable() }),
      // The sealer's alarm: it stopped sealing (a lost checkpoint store, say) and says why.
      z.strictObject({ mode: z.literal("sealer"), via: z.literal("sealer"), ok: z.literal(false), kind: z.string(), problem: z.string() }),
    ]),
  ),
  variant(
    "AUDIT_EXPORTED",
    z.union([
      z.strictObject({
        exportId: id,
        format: z.enum(["jsonl", "csv"]),
        scope: z.enum(["contiguous", "filtered"]),
        treeSize: count,
        filter: z.record(z.string(), z.string()).optional(),
        fromLeaf: count.optional(),
        consistencyFrom: count.optional(),
      }),
      z.strictObject({ kind: z.literal("account-access-report"), format: z.literal("csv"), rows: count, total: count, from: z.string().nullable(), to: z.string().nullable() }),
    ]),
  ),
  variant("DELIVERY_RETRIED", z.strictObject({ decisionId: id, previousStatus: z.enum(["QUEUED", "FAILING", "GIVEN_UP"]), attempts: count, lastError: text(200).nullable() })),
  variant(
    "LEGAL_REQUEST_RECEIVED",
    z.strictObject({
      requestId: id,
      number: count,
      instrument: text(40),
      jurisdiction: text(40),
      dataTypes: z.array(text(40)),
      dueAt: iso,
      document: z.strictObject({ sha256: text(64), size: count }).nullable(),
    }),
  ),
  variant(
    "LEGAL_REQUEST_VERIFIED",
    z.union([
      z.strictObject({ requestId: id }),
      z.strictObject({ requestId: id, method: z.enum(["CALLBACK", "PORTAL", "IN_PERSON"]), passed: z.boolean(), note: text(2000), redFlags: z.array(text(40)), casesOpened: z.array(id) }),
    ]),
  ),
  variant("LEGAL_DOCUMENT_READ", z.union([z.strictObject({ requestId: id }), z.strictObject({ requestId: id, documentId: id, sha256: text(64), size: count })])),
  variant("HOLD_PLACED", z.strictObject({ holdId: id, kind: z.enum(["PRESERVATION", "NCMEC_REPORT"]), requestId: id.nullable(), reason: text(2000), expiresAt: iso })),
  variant("HOLD_RENEWED", z.strictObject({ holdId: id, previousExpiresAt: iso, expiresAt: iso, renewals: count })),
  variant("HOLD_RELEASED", z.strictObject({ holdId: id, reason: text(2000) })),
  variant("KEY_SHREDDED", z.strictObject({ lastMessageAt: iso.nullable(), retentionDays: count, keysDeleted: count, region: text(10) })),
  variant("SOR_EXPORTED", z.strictObject({ from: iso, to: iso, statements: count, skippedNotRestrictive: count, skippedOutsideEu: count })),
  variant(
    "WITNESS_LAG_ALARM",
    z.strictObject({
      state: z.enum(["raised", "cleared"]),
      witnessedSize: count,
      lagSeconds: count,
      maxLagSeconds: count,
      quorum: count,
      witnesses: z.array(z.strictObject({ label: text(100), cosignedSize: count.nullable(), lastError: text(300).nullable() })).max(50),
    }),
  ),
  variant(
    "STAFF_CREATED_BY_OPERATOR",
    z.strictObject({
      /** The operating-system user who ran the command, as cli:<user>. */
      by: text(200),
      /** Whether --allow-with-admin was given. */
      allowWithAdmin: z.boolean(),
      /** Active admins that existed when it ran. */
      activeAdmins: count,
      subject: z.strictObject({ id: id.optional(), email: z.string() }),
      after: staffSnapshot,
    }),
  ),
  variant(
    "LEGAL_REQUEST_STATUS_CHANGED",
    z.strictObject({ requestId: id, from: text(20).nullable(), to: text(20), note: text(2000).optional() }),
  ),
  variant(
    "LEGAL_USER_NOTICE_GIVEN",
    z.union([z.strictObject({ noticeId: id }), z.strictObject({ noticeId: id, requestId: id, dueAt: iso, note: text(2000) })]),
  ),
  variant("GRANT_EXTENDED", z.strictObject({ before: iso, after: iso.optional(), startedAt: iso, addedMinutes: count.optional() })),
  variant(
    "SIGN_IN_SSO_REFUSED",
    z.strictObject({
      issuer: text(500),
      /** The provider's subject and e-mail, when the refusal came after a valid ID token. */
      subject: text(255).nullable(),
      email: text(320).nullable(),
      emailVerified: z.boolean().nullable(),
      /** What failed, for the refusals before identity (state, provider error, token checks). */
      error: text(300).optional(),
    }),
  ),
  // A refused enrolment has no passkeyId; throttle as for a TOTP step-up (the code it carried).
  variant("PASSKEY_ENROLLED", z.strictObject({ sessionId: id, passkeyId: id.optional(), name: text(100).optional(), throttle: throttle.optional() })),
  variant("PASSKEY_REMOVED", z.strictObject({ sessionId: id, passkeyId: text(100), name: text(100).optional() })),
  variant(
    "EXPORT",
    z.union([
      z.strictObject({ requestId: id }),
      /** A disclosure package (ADR 028): the package id is the one its signed manifest names. */
      z.strictObject({ kind: z.literal("disclosure-package"), requestId: id, requestNumber: count, instrument: text(40), packageId: id }),
    ]),
  ),
  variant(
    "AUDIT_STATEMENT_ISSUED",
    z.strictObject({ from: text(10), to: text(10), treeSize: count, lines: count, pending: count, withheld: count, withheldUntil: text(10).nullable() }),
  ),
]);

/** `action` and `details` of an event, typed per action. */
export type EventDetailsInput = z.input<typeof EVENT_DETAILS>;
/** The details of one action's events. */
export type DetailsOf<A extends WritableAction> = Extract<EventDetailsInput, { action: A }>["details"];

/** A writer passed details its action's schema does not allow: a programming error, never a caller's. */
export class EventDetailsError extends Error {
  constructor(action: string, issues: string) {
    super(`access event ${action}: details do not fit the action's schema (lib/log/events/event-details.ts): ${issues}`);
    this.name = "EventDetailsError";
  }
}

/** Throws EventDetailsError unless `details` fits `action`'s schema (and the action may be written). */
export function checkEventDetails(action: string, details: unknown): void {
  const parsed = EVENT_DETAILS.safeParse({ action, details });
  if (!parsed.success) throw new EventDetailsError(action, z.prettifyError(parsed.error));
}
