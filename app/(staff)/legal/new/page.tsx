import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { AccessRefused } from "@/components/access-refused";
import { LegalIntakeForm } from "@/components/legal/intake-form";

export const metadata: Metadata = { title: "Take in a legal request" };

export default async function NewLegalRequestPage() {
  const { refusal } = await authorizePage("PAGE /legal/new");
  if (refusal) return <AccessRefused title="Take in a legal request" message={`Legal requests are taken in by law-enforcement response specialists. ${refusal.message}`} />;
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-3">
      <h1 className="text-base font-semibold">Take in a legal request</h1>
      <p className="text-xs text-zinc-600">A colleague other than you verifies it next; nothing is disclosed before that and a second person&apos;s approval.</p>
      <LegalIntakeForm />
    </div>
  );
}
