"use client";

import { useQuery } from "@tanstack/react-query";
import type { CanonicalEvent } from "@/lib/audit/event-leaf";
import { canonicalEventText } from "@/lib/audit/event-leaf";
import { leafHashOfText } from "@/lib/audit/merkle-hash";
import { verifyInclusion } from "@/lib/audit/merkle-verify";
import type { InclusionProofDto } from "@/lib/audit/proofs";
import { ApiRequestError, apiFetch } from "@/lib/client/api";
import { Button } from "../ui/button";
import { ErrorNotice, Notice } from "../ui/error-notice";

// The event's inclusion proof, checked here in the browser with the verifier's own code
// (lib/audit/merkle-verify.ts): the leaf is hashed from the fields this page displays, so a
// pass means those exact fields are in the signed tree — not merely that the server says so.

const notSealed = (e: unknown) => e instanceof ApiRequestError && (e.code === "NOT_SEALED" || e.code === "NOT_IN_CHECKPOINT");
const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));

type Outcome =
  | { state: "verified"; proof: InclusionProofDto; leaf: string }
  | { state: "mismatch"; proof: InclusionProofDto; why: string };

function check(event: CanonicalEvent, proof: InclusionProofDto): Outcome {
  const text = canonicalEventText(event);
  const leaf = leafHashOfText(text);
  if (text !== canonicalEventText(proof.event)) return { state: "mismatch", proof, why: "The log's copy of this event differs from the one shown." };
  const ok = verifyInclusion(leaf, proof.leafIndex, proof.checkpoint.treeSize, proof.proof.map(bytes), bytes(proof.checkpoint.rootHash));
  return ok ? { state: "verified", proof, leaf: b64(leaf) } : { state: "mismatch", proof, why: "The proof does not lead from this event to the checkpoint's root." };
}

export function InclusionProofCheck({ seq, event }: { seq: string; event: CanonicalEvent }) {
  const q = useQuery({
    queryKey: ["audit-proof", seq],
    queryFn: async () => check(event, await apiFetch<InclusionProofDto>(`/api/v1/audit/events/${seq}/proof`)),
    // The sealer seals within a second or so: ask again for a little while before saying the
    // event is not sealed. Other refusals are answers, not worth repeating.
    retry: (count, error) => notSealed(error) && count < 8,
    retryDelay: 750,
  });

  if (q.isPending) return <p role="status" className="text-[13px] text-zinc-600">Fetching the inclusion proof and checking it in this browser…</p>;
  if (q.isError) {
    const e = q.error;
    return notSealed(e) ? (
      <Notice title="Not sealed yet">
        <p>{e.message}</p>
        <Button size="sm" className="mt-1" onClick={() => void q.refetch()}>
          Check again
        </Button>
      </Notice>
    ) : (
      <ErrorNotice title="The inclusion proof could not be fetched">
        <p>{e.message}</p>
        <Button size="sm" className="mt-1" onClick={() => void q.refetch()}>
          Try again
        </Button>
      </ErrorNotice>
    );
  }
  const r = q.data;
  const cp = r.proof.checkpoint;
  const facts = (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-[13px]">
      <dt className="text-zinc-600">Leaf</dt>
      <dd className="font-mono text-xs">
        index {r.proof.leafIndex.toLocaleString("en")}
        {r.state === "verified" ? ` · hash ${r.leaf}` : ""}
      </dd>
      <dt className="text-zinc-600">Checkpoint</dt>
      <dd className="font-mono text-xs">
        size {cp.treeSize.toLocaleString("en")} · root {cp.rootHash} · signed {cp.createdAt.replace("T", " ").slice(0, 19)} UTC
      </dd>
      <dt className="text-zinc-600">Proof</dt>
      <dd className="font-mono text-xs">{r.proof.proof.length} hashes</dd>
    </dl>
  );
  return r.state === "verified" ? (
    <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
      <p className="font-medium">
        <span aria-hidden="true">✓ </span>Included in the signed log — verified in this browser
      </p>
      {facts}
    </div>
  ) : (
    <ErrorNotice title="Inclusion check failed">
      <p>{r.why} Report this: it means the log or its proof has been altered.</p>
      {facts}
    </ErrorNotice>
  );
}
