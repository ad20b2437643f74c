import type { Metadata } from "next";
import { passwordSignInEnabled } from "@/lib/auth/options";
import { oidcEnabled } from "@/lib/auth/oidc/sign-in";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { ErrorNotice, Notice } from "@/components/ui/error-notice";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;

/** Only same-site paths, so a crafted link cannot bounce a reviewer to another origin. */
function safeCallbackUrl(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return "/";
  try {
    const url = new URL(raw, "http://custody.invalid");
    if (url.origin !== "http://custody.invalid" || url.pathname.startsWith("/signin")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

// "PAGE /signin" is public; what it offers depends on whether password sign-in is enabled.
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const enabled = passwordSignInEnabled();
  const authError = typeof params.error === "string" ? params.error : null;
  const sso = oidcEnabled();
  const ssoMessage = authError?.startsWith("SSO_") || authError === "DISABLED" ? (DENIAL_REASONS as Record<string, string>)[authError] : undefined;

  return (
    <main id="main" className="flex min-h-dvh items-start justify-center px-4 pt-[12vh]">
      <div className="w-full max-w-sm">
        <h1 className="text-lg font-semibold tracking-tight">Custody</h1>
        <p className="mb-5 text-zinc-600">Sign in to review reported conversations. Every access is logged.</p>
        {authError && authError !== "SessionRequired" ? (
          <ErrorNotice title="Sign-in did not complete" live={false} className="mb-4">
            {authError === "CredentialsSignin" ? "Email or password is incorrect." : (ssoMessage ?? "Try again, or contact your administrator.")}
          </ErrorNotice>
        ) : null}
        {sso ? (
          <a
            href={`/api/auth/oidc/start?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="mb-4 block rounded-md bg-zinc-900 px-3 py-2 text-center font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 dark:bg-zinc-100 dark:text-zinc-900"
          >
            Sign in with single sign-on
          </a>
        ) : null}
        {enabled ? (
          <SignInForm callbackUrl={callbackUrl} />
        ) : sso ? null : (
          <Notice title="Sign-in is via SSO">
            Password sign-in is turned off here. Use your organisation&rsquo;s single sign-on.
          </Notice>
        )}
      </div>
    </main>
  );
}
