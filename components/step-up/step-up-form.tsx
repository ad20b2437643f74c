"use client";

import { useState, type FormEvent } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";
import { TotpEnrolment } from "./totp-enrolment";

/**
 * The TOTP check. Without an authenticator yet, enrolment comes first: the server offers a
 * secret and the first valid code both confirms it and passes the step-up. On success the
 * browser goes back to `next` with a full navigation, so the page renders with the new state.
 */
export function StepUpForm({ enrolled, next }: { enrolled: boolean; next: string }) {
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(digits)) {
      setError("Enter the 6-digit code your authenticator app shows.");
      return;
    }
    setError(null);
    setPending(true);
    try {
      await apiFetch("/api/v1/me/step-up", { method: "POST", body: { code: digits } });
      window.location.assign(next);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not check the code. Try again.");
      setCode("");
      setPending(false);
    }
  }

  if (!enrolled && !secret) return <TotpEnrolment onSecret={setSecret} />;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-labelledby="step-up-heading">
      {secret ? <TotpEnrolment.Secret secret={secret.secret} uri={secret.uri} /> : null}
      <Field id="totp-code" label="Authenticator code" hint="6 digits, from the Custody entry in your authenticator app" error={error}>
        {(control) => (
          <Input
            {...control}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={7}
            autoFocus
            className="w-32 font-mono tracking-widest"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      {error ? <ErrorNotice title="Not confirmed">{error}</ErrorNotice> : null}
      <div>
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? "Checking…" : "Confirm"}
        </Button>
      </div>
    </form>
  );
}
