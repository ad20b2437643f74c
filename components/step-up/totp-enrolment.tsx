"use client";

import { useState } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { STEP_UP_MINUTES } from "@/lib/policy/limits";
import { Button } from "../ui/button";
import { ErrorNotice } from "../ui/error-notice";

type Secret = { secret: string; uri: string };

/** First step for staff without an authenticator: ask the server for a secret to add. */
export function TotpEnrolment({ onSecret }: { onSecret: (s: Secret) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function start() {
    setPending(true);
    setError(null);
    try {
      onSecret(await apiFetch<Secret>("/api/v1/me/totp", { method: "POST" }));
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not start the set-up. Try again.");
      setPending(false);
    }
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="text-[13px] text-zinc-700">
        Reading messages needs a second factor. Set up an authenticator app (any TOTP app) once; after that you enter its 6-digit code at most every {STEP_UP_MINUTES} minutes
        while you read.
      </p>
      {error ? <ErrorNotice title="Set-up did not start">{error}</ErrorNotice> : null}
      <div>
        <Button variant="primary" pending={pending} onClick={() => void start()}>
          Set up authenticator
        </Button>
      </div>
    </div>
  );
}

/** The secret to add, as text (no QR image is loaded from anywhere) and as an otpauth: link. */
TotpEnrolment.Secret = function TotpSecret({ secret, uri }: Secret) {
  const groups = secret.match(/.{1,4}/g) ?? [secret];
  return (
    <div className="flex flex-col gap-1 rounded-md border border-zinc-200 bg-white px-3 py-2 text-[13px]">
      <p>
        Add this key to your authenticator app (type: time-based), or <a href={uri}>open it in the app</a> on this device:
      </p>
      <p className="font-mono text-sm tracking-wider select-all" aria-label={`Key: ${secret.split("").join(" ")}`}>
        {groups.join(" ")}
      </p>
      <p className="text-xs text-zinc-600">Then enter the code the app shows. The key is only saved once a code confirms it.</p>
    </div>
  );
};
