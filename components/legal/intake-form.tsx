"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { CATEGORIES, type Category } from "@/lib/policy/enums";
import { DATA_TYPES, DATA_TYPE_LABELS, INSTRUMENTS, INSTRUMENT_LABELS, JURISDICTIONS, JURISDICTION_LABELS, LEGAL_BASIS_NOTES, disclosableTypes, type DataType, type Instrument, type Jurisdiction } from "@/lib/policy/legal-basis";
import { MAX_LEGAL_DOCUMENT_BYTES } from "@/lib/policy/limits";
import { CATEGORY_LABEL } from "../labels";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/controls";
import { ErrorNotice } from "../ui/error-notice";
import { Field } from "../ui/field";

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
/** A date input's day, as the start of that day in UTC (the end of it for `end`). */
const day = (value: string, end = false) => (value ? `${value}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : "");

/** The intake form: the server validates everything again (zod) and answers 400 naming the field. */
export function LegalIntakeForm() {
  const router = useRouter();
  const [instrument, setInstrument] = useState<Instrument>("SEARCH_WARRANT");
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction>("US");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const allowed = disclosableTypes(instrument, jurisdiction);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    const file = form.get("document");
    if (file instanceof File && file.size > MAX_LEGAL_DOCUMENT_BYTES) {
      setError(`The document is larger than ${MAX_LEGAL_DOCUMENT_BYTES / 1024} KiB.`);
      return;
    }
    setPending(true);
    try {
      const body = {
        reference: text(form, "reference"),
        authority: text(form, "authority"),
        officerName: text(form, "officerName"),
        officerEmail: text(form, "officerEmail"),
        officerPhone: text(form, "officerPhone"),
        instrument,
        jurisdiction,
        jurisdictionName: text(form, "jurisdictionName"),
        category: text(form, "category") as Category,
        accountHandles: text(form, "accountHandles").split(/[\s,]+/).filter(Boolean),
        dateFrom: day(text(form, "dateFrom")),
        dateTo: day(text(form, "dateTo"), true),
        dataTypes: form.getAll("dataTypes").map(String) as DataType[],
        dueAt: day(text(form, "dueAt"), true),
        emergencyJustification: text(form, "emergencyJustification") || undefined,
        nonDisclosureUntil: text(form, "nonDisclosureUntil") ? day(text(form, "nonDisclosureUntil"), true) : undefined,
        document: file instanceof File && file.size > 0 ? { fileName: file.name, mediaType: file.type, contentBase64: await toBase64(file) } : undefined,
      };
      const { request } = await apiFetch<{ request: { id: string } }>("/api/v1/legal/requests", { method: "POST", body });
      router.push(`/legal/${request.id}`);
      return;
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not save. Try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 md:grid-cols-3" aria-describedby={error ? "intake-error" : undefined}>
      <Field id="reference" label="Reference on the document" required>
        {(c) => <Input {...c} name="reference" required maxLength={100} />}
      </Field>
      <Field id="authority" label="Agency" required>
        {(c) => <Input {...c} name="authority" required maxLength={200} />}
      </Field>
      <Field id="jurisdictionName" label="Issuing court or state" required>
        {(c) => <Input {...c} name="jurisdictionName" required maxLength={100} placeholder="N.D. Cal." />}
      </Field>
      <Field id="officerName" label="Requesting officer" required>
        {(c) => <Input {...c} name="officerName" required maxLength={200} />}
      </Field>
      <Field id="officerEmail" label="Officer's email" required hint="As sent; the verifier calls back on a number found independently.">
        {(c) => <Input {...c} name="officerEmail" type="email" required maxLength={254} />}
      </Field>
      <Field id="officerPhone" label="Officer's phone" required>
        {(c) => <Input {...c} name="officerPhone" type="tel" required maxLength={40} />}
      </Field>
      <Field id="instrument" label="Instrument" required>
        {(c) => (
          <Select {...c} name="instrument" value={instrument} onChange={(e) => setInstrument(e.target.value as Instrument)}>
            {INSTRUMENTS.map((i) => (
              <option key={i} value={i}>
                {INSTRUMENT_LABELS[i]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="jurisdiction" label="Jurisdiction" required>
        {(c) => (
          <Select {...c} name="jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value as Jurisdiction)}>
            {JURISDICTIONS.map((j) => (
              <option key={j} value={j}>
                {JURISDICTION_LABELS[j]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="category" label="Matter" required>
        {(c) => (
          <Select {...c} name="category" defaultValue="THREATS">
            {CATEGORIES.map((k) => (
              <option key={k} value={k}>
                {CATEGORY_LABEL[k]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <p className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-700 md:col-span-3" aria-live="polite">
        <span className="font-medium">This instrument allows: </span>
        {allowed.length ? allowed.map((t) => DATA_TYPE_LABELS[t]).join("; ") : "no disclosure"} — {LEGAL_BASIS_NOTES[instrument]}.
      </p>
      <Field id="accountHandles" label="Named accounts (handles)" required hint="Separated by commas or spaces." className="md:col-span-3">
        {(c) => <Input {...c} name="accountHandles" required placeholder="@handle, @other" />}
      </Field>
      <Field id="dateFrom" label="Records from (UTC)" required>
        {(c) => <Input {...c} name="dateFrom" type="date" required />}
      </Field>
      <Field id="dateTo" label="Records to (UTC, inclusive)" required>
        {(c) => <Input {...c} name="dateTo" type="date" required />}
      </Field>
      <Field id="dueAt" label="Due date (UTC)" required>
        {(c) => <Input {...c} name="dueAt" type="date" required />}
      </Field>
      <Field id="nonDisclosureUntil" label="Non-disclosure order until (UTC)" hint="If a court order forbids telling the user: a task to notify them appears when it ends.">
        {(c) => <Input {...c} name="nonDisclosureUntil" type="date" />}
      </Field>
      <fieldset className="flex flex-col gap-1 md:col-span-3">
        <legend className="text-[13px] font-medium text-zinc-800">Data asked for</legend>
        <div className="flex flex-wrap gap-4">
          {DATA_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1.5 text-[13px]">
              <input type="checkbox" name="dataTypes" value={t} defaultChecked={t === "CONTENT"} />
              {DATA_TYPE_LABELS[t]}
              {allowed.includes(t) ? null : <span className="text-xs text-red-800">(not allowed by this instrument)</span>}
            </label>
          ))}
        </div>
      </fieldset>
      {instrument === "EMERGENCY_DISCLOSURE" ? (
        <Field id="emergencyJustification" label="Imminent danger stated by the agency" required className="md:col-span-3">
          {(c) => <Textarea {...c} name="emergencyJustification" required maxLength={2000} />}
        </Field>
      ) : null}
      <Field id="document" label="Signed legal document" hint={`PDF, PNG, JPEG or text, at most ${MAX_LEGAL_DOCUMENT_BYTES / 1024} KiB. Stored encrypted; readable only by LEGAL, each read logged.`} className="md:col-span-3">
        {(c) => <input {...c} name="document" type="file" accept="application/pdf,image/png,image/jpeg,text/plain" className="text-[13px]" />}
      </Field>
      {error ? (
        <div id="intake-error" className="md:col-span-3">
          <ErrorNotice title="The request was not saved">{error}</ErrorNotice>
        </div>
      ) : null}
      <div className="md:col-span-3">
        <Button type="submit" variant="primary" pending={pending}>
          Take in the request
        </Button>
      </div>
    </form>
  );
}
