import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { grantRequestBody } from "@/lib/access/grant-request-body";
import { auditFilterSchema } from "@/lib/audit/search/search-filters";
import { queueQuery } from "@/lib/cases/queue-query";
import { MAX_BATCH_ITEMS, MAX_BODY_BYTES, MAX_IMAGE_BYTES, MAX_UPLOAD_BODY_BYTES } from "@/lib/intake/limits";
import {
  accountsBatch,
  accountsResult,
  appealBody,
  appealResult,
  messagesBatch,
  messagesResult,
  reportBody,
  reportResult,
  uploadBody,
  uploadResult,
} from "@/lib/intake/schemas";
import { OPERATIONS, type OperationId } from "@/lib/policy/operations";
import { ruleInput, ruleTestInput, ruleUpdateInput } from "@/lib/detection/rule-definition";
import { ATTRIBUTE_RULES } from "@/lib/policy/rules";

// The OpenAPI 3.1 document of Custody's API, generated: every route in the operations
// registry appears with its summary and the attribute rules it enforces, and where a route's
// input is a zod schema in lib/ (all the intake routes, the queue, grant requests, the audit
// search) that schema is rendered, so the document cannot drift from what the server parses.

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`;

const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "UNKNOWN_ACCOUNT" }),
      message: z.string(),
      item: z.number().int().optional().meta({ description: "The index of the batch item at fault" }),
      field: z.string().optional().meta({ example: "messages[3].senderId" }),
    }),
  })
  .meta({ id: "Error" });

const errors = (codes: Record<string, string>) =>
  Object.fromEntries(Object.entries(codes).map(([status, description]) => [status, { description, content: { "application/json": { schema: errorBody } } }]));

const SIGNED_ERRORS = errors({
  "400": "Bad input (BAD_REQUEST, BAD_JSON, BAD_ENCODING, UNSAFE_TEXT, DUPLICATE_ID, UNKNOWN_ACCOUNT, UNKNOWN_CONVERSATION, NOT_A_PARTICIPANT, UNKNOWN_MESSAGE, UNKNOWN_UPLOAD, UPLOAD_IN_USE, IMAGE_TYPE_MISMATCH, IMAGE_TOO_LARGE, UNKNOWN_DECISION), naming item and field. Nothing of the batch is stored.",
  "401": "BAD_SIGNATURE (unsigned, malformed or not signed by an active secret) or STALE_TIMESTAMP (more than 5 minutes from now)",
  "409": "REPLAYED (this webhook-id was accepted before), HANDLE_TAKEN, ID_CONFLICT, CONCURRENT_CHANGE (send again)",
  "413": "BODY_TOO_LARGE",
  "415": "UNSUPPORTED_MEDIA_TYPE (send application/json)",
  "503": "INTAKE_DISABLED (no CUSTODY_INTAKE_SECRET) or DATABASE_UNAVAILABLE",
});

function signed(id: OperationId, body: z.ZodType, ok: { status: string; schema: z.ZodType; description: string }[], limit: number): ZodOpenApiOperationObject {
  return {
    operationId: id,
    summary: OPERATIONS[id].summary,
    tags: ["Intake"],
    security: [{ standardWebhooks: [] }],
    description: `Signed by the platform (Standard Webhooks). Body at most ${MiB(limit)}.`,
    requestBody: { required: true, content: { "application/json": { schema: body } } },
    responses: { ...Object.fromEntries(ok.map((o) => [o.status, { description: o.description, content: { "application/json": { schema: o.schema } } }])), ...SIGNED_ERRORS },
  };
}

const INTAKE: ZodOpenApiPathsObject = {
  "/api/v1/intake/accounts": { post: signed("POST /api/v1/intake/accounts", accountsBatch, [{ status: "200", schema: accountsResult, description: "Each account created, updated or unchanged" }], MAX_BODY_BYTES) },
  "/api/v1/intake/messages": {
    post: signed("POST /api/v1/intake/messages", messagesBatch, [{ status: "200", schema: messagesResult, description: `Each message accepted or duplicate (≤ ${MAX_BATCH_ITEMS} a batch)` }], MAX_BODY_BYTES),
  },
  "/api/v1/intake/uploads": {
    post: signed("POST /api/v1/intake/uploads", uploadBody, [{ status: "201", schema: uploadResult, description: `Stored, encrypted; attach it with {"uploadId"} (image ≤ ${MiB(MAX_IMAGE_BYTES)})` }], MAX_UPLOAD_BODY_BYTES),
  },
  "/api/v1/intake/reports": {
    post: signed("POST /api/v1/intake/reports", reportBody, [
      { status: "201", schema: reportResult, description: "A new report (newCase: whether it opened a case)" },
      { status: "200", schema: reportResult, description: "Re-sent: the same answer as the first time" },
    ], MAX_BODY_BYTES),
  },
  "/api/v1/intake/appeals": {
    post: signed("POST /api/v1/intake/appeals", appealBody, [
      { status: "201", schema: appealResult, description: "A new appeal" },
      { status: "200", schema: appealResult, description: "Re-sent: the same answer as the first time" },
    ], MAX_BODY_BYTES),
  },
};

/** Input schemas of staff routes that live in lib/ (others are listed by summary and rules). */
const STAFF_INPUT: Partial<Record<OperationId, { query?: z.ZodObject; body?: z.ZodType }>> = {
  "GET /api/v1/cases": { query: queueQuery },
  "POST /api/v1/cases/{caseId}/grants": { body: grantRequestBody },
  "GET /api/v1/audit/events": { query: auditFilterSchema },
  "POST /api/v1/rules": { body: ruleInput },
  "PUT /api/v1/rules/{ruleId}": { body: ruleUpdateInput },
  "POST /api/v1/rules/test": { body: ruleTestInput },
};

function staffPaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const [id, op] of Object.entries(OPERATIONS) as [OperationId, (typeof OPERATIONS)[OperationId]][]) {
    const [method, path] = id.split(" ") as [string, string];
    if (id.startsWith("PAGE ") || path.startsWith("/api/v1/intake/") || path.includes("[...nextauth]")) continue;
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const input = STAFF_INPUT[id];
    const rules = op.rules as readonly (keyof typeof ATTRIBUTE_RULES)[];
    const operation: ZodOpenApiOperationObject = {
      operationId: id,
      summary: op.summary,
      tags: [path.startsWith("/api/v1/audit") ? "Audit" : path.startsWith("/api/v1/") ? "Staff" : "Service"],
      ...(op.permission ? { security: [{ staffSession: [] }], description: `Needs the permission \`${op.permission}\`. Rules: ${rules.join(", ")}.` } : { security: [] }),
      ...(names.length || input?.query ? { requestParams: { ...(names.length ? { path: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) } : {}), ...(input?.query ? { query: input.query } : {}) } } : {}),
      ...(input?.body ? { requestBody: { required: true, content: { "application/json": { schema: input.body } } } } : {}),
      responses: { "200": { description: "OK" }, ...errors({ "4XX": "Refused, with the reason" }) },
    };
    const lower = method.toLowerCase() as "get" | "post" | "put" | "patch";
    paths[path] = { ...paths[path], [lower]: operation };
  }
  return paths;
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Custody API",
      version: "1",
      description:
        "Custody's public API: the platform's signed intake, and the staff API (session cookie). The README's \"Intake API\" section explains signing, idempotency and limits.",
    },
    components: {
      securitySchemes: {
        standardWebhooks: {
          type: "apiKey",
          in: "header",
          name: "webhook-signature",
          description:
            "Standard Webhooks: webhook-id, webhook-timestamp (Unix seconds) and webhook-signature (`v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\">` with a whsec_ secret). A timestamp more than 5 minutes away and a reused webhook-id are refused.",
        },
        staffSession: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in staff session (`__Secure-next-auth.session-token` over HTTPS); mutations also need x-custody-request: 1 from a same-origin page." },
      },
    },
    paths: { ...INTAKE, ...staffPaths() },
  });
  return cached;
}
