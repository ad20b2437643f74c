import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/policy/operations";
import { openApiDocument } from "./openapi";

// The OpenAPI document is generated from the registry and the zod schemas the routes parse
// with: every API route is in it, and the intake's bodies carry the limits the server applies.

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; maxItems?: number; format?: string; required?: string[]; additionalProperties?: boolean };

describe("OpenAPI document", () => {
  const doc = openApiDocument();
  const resolve = (s: Schema): Schema => (s.$ref ? (doc.components!.schemas![s.$ref.split("/").pop()!] as Schema) : s);

  it("lists every API route of the registry, with its method", () => {
    const api = Object.keys(OPERATIONS).filter((id) => !id.startsWith("PAGE ") && !id.includes("[...nextauth]"));
    const missing = api.filter((id) => {
      const [method, path] = id.split(" ") as [string, string];
      return !(doc.paths?.[path] as Record<string, unknown> | undefined)?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
    expect(api.length).toBeGreaterThan(30);
  });

  it("renders each intake body from its zod schema, with the server's limits, and the signing scheme", () => {
    const body = (path: string) => resolve((doc.paths![path] as { post: { requestBody: { content: { "application/json": { schema: Schema } } } } }).post.requestBody.content["application/json"].schema);
    const messages = body("/api/v1/intake/messages");
    expect(messages.properties!.messages!.maxItems).toBe(500);
    const message = resolve(messages.properties!.messages!.items!);
    expect(message.required).toEqual(expect.arrayContaining(["id", "conversationId", "senderId", "sentAt", "text"]));
    expect(message.properties!.sentAt!.format).toBe("date-time");
    expect(message.additionalProperties).toBe(false);
    expect(Object.keys(body("/api/v1/intake/accounts").properties!)).toEqual(["accounts"]);
    expect(Object.keys(body("/api/v1/intake/uploads").properties!).sort()).toEqual(["contentType", "conversationId", "data"]);
    expect(body("/api/v1/intake/reports").required).toEqual(expect.arrayContaining(["id", "reporterId", "conversationId", "messageIds", "category"]));
    expect(body("/api/v1/intake/appeals").required).toEqual(expect.arrayContaining(["id", "decisionId", "appellantId"]));
    const post = (doc.paths!["/api/v1/intake/reports"] as { post: { security: unknown; responses: Record<string, unknown> } }).post;
    expect(post.security).toEqual([{ standardWebhooks: [] }]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["200", "201", "400", "401", "409", "413"]));
    expect(doc.components?.securitySchemes?.standardWebhooks).toBeDefined();
  });

  it("is served publicly at GET /api/v1/openapi.json", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const res = await GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Custody API" } });
  });

  it("renders the staff routes whose input schema lives in lib/", () => {
    const grants = (doc.paths!["/api/v1/cases/{caseId}/grants"] as { post: { requestBody: { content: { "application/json": { schema: Schema } } } } }).post;
    expect(Object.keys(resolve(grants.requestBody.content["application/json"].schema).properties!)).toEqual(["purpose", "justification", "scope"]);
    const search = (doc.paths!["/api/v1/audit/events"] as { get: { parameters: { name: string; in: string }[] } }).get;
    expect(search.parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(expect.arrayContaining(["actor", "action", "cursor", "limit"]));
  });
});
