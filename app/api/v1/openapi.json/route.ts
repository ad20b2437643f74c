import { json } from "@/lib/http/handle";
import { openApiDocument } from "@/lib/http/openapi";
import { withPublicOperation } from "@/lib/http/with-operation";

// Public (permission: none): the OpenAPI document of the API, generated from its zod schemas.
export const GET = withPublicOperation("GET /api/v1/openapi.json", async () => json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));
