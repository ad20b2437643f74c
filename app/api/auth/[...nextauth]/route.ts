import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// "GET /api/auth/[...nextauth]" and "POST /api/auth/[...nextauth]" are public by nature (sign-in,
// sign-out, CSRF token); next-auth checks its own CSRF token on POST.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions(req.headers))(req, ctx);
}

export { handler as GET, handler as POST };
