import { SIGNATURE_TOLERANCE_MINUTES } from "@/lib/policy/limits";

// The intake's limits, in one place: the schemas, the route wrapper, the README and the
// OpenAPI document read them from here.

export const MiB = 1024 * 1024;

/** Items per batch (accounts, messages, declared conversations). */
export const MAX_BATCH_ITEMS = 500;
/** A JSON intake body, as bytes on the wire. */
export const MAX_BODY_BYTES = 2 * MiB;
/** One image, decoded. */
export const MAX_IMAGE_BYTES = 5 * MiB;
/** An upload body: one image of MAX_IMAGE_BYTES in base64 (4 characters per 3 bytes) and its JSON frame. */
export const MAX_UPLOAD_BODY_BYTES = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 64 * 1024;
/** Images on one message. */
export const MAX_ATTACHMENTS = 10;
/** Message text, in UTF-16 code units as JavaScript counts them. */
export const MAX_MESSAGE_TEXT = 10_000;
/** Participants of one conversation (direct messages and small groups). */
export const MAX_PARTICIPANTS = 50;
/** Messages one report or appeal may name. */
export const MAX_REPORTED_MESSAGES = 50;
/** Standard Webhooks' tolerance for `webhook-timestamp`, either side of now (lib/policy/limits.ts). */
export const SIGNATURE_TOLERANCE_SECONDS = SIGNATURE_TOLERANCE_MINUTES * 60;
/**
 * How long an accepted webhook-id is kept: a timestamp up to the tolerance in the future stays
 * valid for twice the tolerance after receipt, plus a margin for clock skew between servers.
 */
export const REPLAY_KEEP_SECONDS = 3 * SIGNATURE_TOLERANCE_SECONDS;
