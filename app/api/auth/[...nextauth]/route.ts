import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withPublicOperation } from "@/lib/http/with-operation";

// Public by nature (sign-in, sign-out, CSRF token): the lighter wrapper, because next-auth
// parses its own input and checks its own CSRF token on POST.
function handler(req: Request, ctx?: { params: Promise<Record<string, string | string[] | undefined>> }) {
  return NextAuth(authOptions(req.headers))(req, ctx);
}

export const GET = withPublicOperation("GET /api/auth/[...nextauth]", handler);
export const POST = withPublicOperation("POST /api/auth/[...nextauth]", handler);
