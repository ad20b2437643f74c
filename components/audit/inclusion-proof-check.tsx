"use client";

import { useQuery } from "@tanstack/react-query";
import { verifyCheckpointInBrowser } from "@/lib/log/checkpoints/checkpoint-verify-web";
import type { CanonicalEvent } from "@/lib/log/events/event-leaf";
import { canonicalEventText } from "@/lib/log/events/event-leaf";
import { leafHashOfText } from "@/lib/log/merkle/merkle-hash";
import { verifyInclusion } from "@/lib/log/merkle/merkle-verify";
import type { InclusionProofDto } from "@/lib/audit/proofs/log-proofs";
import { ApiRequestError, apiFetch } from "@/lib/client/api";
import { Button } from "../ui/button";
import { ErrorNotice, Notice } from "../ui/error-notice";

// The event's inclusion proof, checked here in the browser with the verifier's own code
// (lib/log/merkle/merkle-verify.ts): the leaf is hashed from the fields this page displays, so a
// pass means those exact fields are in the tree. The checkpoint's Ed25519 signature is checked
// here too, and the proof must lead to the root that signature covers — so a pass does not
// rest on the server's word, only on the key (shown, to compare with the one the auditor holds).

const notSealed = (e: unknown) => e instanceof ApiRequestError && (e.code === "NOT_SEALED" || e.code === "NOT_IN_CHECKPOINT");
const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));

type Signature = { state: "verified"; key: string } | { state: "unsupported"; why: string };

type Outcome =
  | { state: "verified"; proof: InclusionProofDto; leaf: string; signature: Signature }
  | { state: "mismatch"; proof: InclusionProofDto; why: string };

async function publicKey(): Promise<string> {
  const res = await fetch("/api/v1/audit/public-key");
  if (!res.ok) throw new Error("The log's public key could not be fetched.");
  return (await res.text()).trim();
}

async function check(event: CanonicalEvent, proof: InclusionProofDto): Promise<Outcome> {
  const text = canonicalEventText(event);
  const leaf = leafHashOfText(text);
  if (text !== canonicalEventText(proof.event)) return { state: "mismatch", proof, why: "The log's copy of this event differs from the one shown." };
  const ok = verifyInclusion(leaf, proof.leafIndex, proof.checkpoint.treeSize, proof.proof.map(bytes), bytes(proof.checkpoint.rootHash));
  if (!ok) return { state: "mismatch", proof, why: "The proof does not lead from this event to the checkpoint's root." };
  const key = await publicKey();
  const signed = await verifyCheckpointInBrowser(proof.checkpoint.note, key);
  if (!signed.ok) return signed.unsupported ? { state: "verified", proof, leaf: b64(leaf), signature: { state: "unsupported", why: signed.why } } : { state: "mismatch", proof, why: signed.why };
  if (signed.checkpoint.size !== proof.checkpoint.treeSize || signed.checkpoint.rootHash !== proof.checkpoint.rootHash) {
    return { state: "mismatch", proof, why: "The proof's root is not the one the signed checkpoint covers." };
  }
  return { state: "verified", proof, leaf: b64(leaf), signature: { state: "verified", key } };
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
      {r.state === "verified" ? (
        <>
          <dt className="text-zinc-600">Signature</dt>
          <dd className="text-xs">
            {r.signature.state === "verified" ? (
              <>
                Ed25519, verified here with the log&apos;s published key — compare it with the key you hold:{" "}
                <code className="font-mono break-all">{r.signature.key}</code>
              </>
            ) : (
              r.signature.why
            )}
          </dd>
        </>
      ) : null}
    </dl>
  );
  return r.state === "verified" ? (
    <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
      <p className="font-medium">
        <span aria-hidden="true">✓ </span>Included in the signed log — {r.signature.state === "verified" ? "proof and signature verified" : "proof verified"} in this browser
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
