"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";

/** What to tell the person; the throttle's codes come from lib/auth/options.ts. */
function signInError(code: string | null | undefined, status: number | undefined): string {
  if (code === "SIGN_IN_LOCKED" || code === "SIGN_IN_THROTTLED") return DENIAL_REASONS[code];
  if (code === "CredentialsSignin" || status === 401) return "Email or password is incorrect, or the account is disabled.";
  return "Sign-in failed. Try again.";
}

/** Email + password sign-in (demo mode only); on success goes to `callbackUrl` (a same-site path). */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so every server component renders with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInError(result?.error, result?.status));
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <Field id="email" label="Email">
        {(control) => <Input {...control} name="email" type="email" autoComplete="username" required autoFocus spellCheck={false} />}
      </Field>
      <Field id="password" label="Password">
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      {error ? (
        <ErrorNotice title="Not signed in">
          {error}
        </ErrorNotice>
      ) : null}
      <Button type="submit" variant="primary" pending={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
