"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Region, Role, StaffAdminItem } from "@/lib/dto";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { MIN_PASSWORD } from "@/lib/policy/limits";
import { REGIONS, ROLES } from "@/lib/policy/roles";
import { ROLE_LABEL } from "../labels";
import { Button } from "../ui/button";
import { Input, Textarea } from "../ui/controls";
import { ErrorNotice, Notice } from "../ui/error-notice";
import { Field } from "../ui/field";
import { CheckboxGroup } from "./checkbox-group";

/** "handle, relation" per line → links; the server resolves handles and names unknown ones. */
function parseLinks(text: string) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [handle = "", ...rest] = line.split(",");
      return { handle: handle.trim().replace(/^@/, ""), relation: rest.join(",").trim() || "declared" };
    });
}

/**
 * Create (no `staff`) or edit a staff member. The server refuses conflicting roles and changes
 * to one's own record and logs every attempt; this form only explains those rules up front.
 */
export function StaffForm({ staff, isSelf = false, allowPassword = false }: { staff?: StaffAdminItem; isSelf?: boolean; allowPassword?: boolean }) {
  const router = useRouter();
  const [roles, setRoles] = useState<Role[]>(staff?.roles ?? []);
  const [regions, setRegions] = useState<Region[]>(staff?.regions ?? []);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      name: String(form.get("name") ?? "").trim(),
      roles,
      regions,
      disabled: form.get("disabled") === "on",
      links: parseLinks(String(form.get("links") ?? "")),
      ...(staff ? { resetTotp: form.get("resetTotp") === "on" } : { email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") || undefined }),
    };
    setPending(true);
    setError(null);
    setSaved(false);
    try {
      if (staff) {
        await apiFetch(`/api/v1/staff/${staff.id}`, { method: "PATCH", body });
        setSaved(true);
        router.refresh();
      } else {
        const { staff: created } = await apiFetch<{ staff: StaffAdminItem }>("/api/v1/staff", { method: "POST", body });
        router.push(`/staff/${created.id}`);
        return;
      }
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not save. Try again.");
    }
    setPending(false);
  }

  const prefix = staff ? `staff-${staff.id}` : "new-staff";
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-3" aria-label={staff ? `Edit ${staff.name}` : "New staff member"}>
      {isSelf ? <Notice title="This is you">Nobody changes their own roles, regions, links or status. Another admin must do it; the attempt would be refused and logged.</Notice> : null}
      <Field id={`${prefix}-name`} label="Name" required>
        {(control) => <Input {...control} name="name" defaultValue={staff?.name} required autoComplete="off" />}
      </Field>
      {staff ? null : (
        <Field id={`${prefix}-email`} label="Email" required>
          {(control) => <Input {...control} name="email" type="email" required autoComplete="off" spellCheck={false} />}
        </Field>
      )}
      {!staff && allowPassword ? (
        <Field id={`${prefix}-password`} label="Initial password" hint={`Demo mode only; at least ${MIN_PASSWORD} characters. Production staff sign in with SSO.`}>
          {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" />}
        </Field>
      ) : null}
      <CheckboxGroup legend="Roles" name="roles" options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} value={roles} onChange={(v) => setRoles(v as Role[])} disabled={isSelf} hint="Auditor and Admin cannot be combined with Reviewer, Lead or Legal." />
      <CheckboxGroup legend="Data regions" name="regions" options={REGIONS.map((r) => ({ value: r, label: r }))} value={regions} onChange={(v) => setRegions(v as Region[])} disabled={isSelf} hint="A reader sees only conversations whose every participant's data is in these regions." />
      <Field id={`${prefix}-links`} label="Linked platform accounts" hint="One per line: handle, relation (e.g. “alex_k, own account”). Threads involving them are refused to this person.">
        {(control) => <Textarea {...control} name="links" rows={3} disabled={isSelf} defaultValue={staff?.links.map((l) => `${l.handle}, ${l.relation}`).join("\n")} spellCheck={false} />}
      </Field>
      {staff ? (
        <div className="flex flex-col gap-1 text-[13px]">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="disabled" defaultChecked={staff.disabled} disabled={isSelf} className="accent-accent-700" /> Disabled (signs them out and ends their grants at once)
          </label>
          {staff.totpEnrolled ? (
            <label className="flex items-center gap-2">
              <input type="checkbox" name="resetTotp" disabled={isSelf} className="accent-accent-700" /> Reset authenticator (they set up a new one at their next step-up)
            </label>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorNotice title="Not saved">{error}</ErrorNotice> : null}
      {saved ? <p role="status" className="text-[13px] text-emerald-800">Saved and logged.</p> : null}
      <div>
        <Button type="submit" variant="primary" pending={pending} disabled={isSelf}>
          {staff ? "Save changes" : "Create staff member"}
        </Button>
      </div>
    </form>
  );
}
