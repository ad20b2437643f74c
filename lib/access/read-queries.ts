import "server-only";
import type { PoolClient } from "pg";
import type { Purpose } from "@/lib/policy/purposes";
import type { Region } from "@/lib/policy/roles";

// The content route is the hot path (hundreds of logged reads a second), so its reads are two
// hand-written statements on a pooled pg connection, instead of an ORM graph that would fan
// out into a query per relation and interpret each one.

export type ReadContext = {
  id: string;
  status: "OPEN" | "IN_REVIEW" | "ESCALATED" | "CLOSED";
  assigneeId: string | null;
  conversationId: string;
  messageCount: number;
  participants: { accountId: string; dataRegion: Region }[];
  reportedMessageIds: string[];
  keys: { version: number; wrappedKey: string; kekId: string }[];
  grant: { id: string; staffId: string; status: "PENDING" | "ACTIVE" | "REJECTED" | "ENDED"; purpose: Purpose; justification: string; expiresAt: Date; scopeFrom: number; scopeTo: number } | null;
};

type Row = {
  id: string;
  status: ReadContext["status"];
  assignee_id: string | null;
  conversation_id: string;
  message_count: number;
  participants: { accountId: string; dataRegion: Region }[];
  reported: string[] | null;
  keys: { version: number; wrappedKey: string; kekId: string }[] | null;
  grant_id: string | null;
  grant_staff_id: string | null;
  grant_status: NonNullable<ReadContext["grant"]>["status"] | null;
  grant_purpose: Purpose | null;
  grant_justification: string | null;
  grant_expires_at: Date | null;
  grant_scope_from: number | null;
  grant_scope_to: number | null;
};

/** The case, its participants' regions, reported message ids, data keys and the caller's current grant. */
export async function loadReadContext(client: PoolClient, caseId: string, staffId: string): Promise<ReadContext | null> {
  const { rows } = await client.query<Row>(
    `
    SELECT c.id, c.status::text AS status, c.assignee_id, c.conversation_id, conv.message_count,
      (SELECT coalesce(json_agg(json_build_object('accountId', a.id, 'dataRegion', a.data_region)), '[]'::json)
         FROM conversation_participant p JOIN platform_account a ON a.id = p.account_id
        WHERE p.conversation_id = c.conversation_id) AS participants,
      (SELECT array_agg(rm.message_id::text) FROM user_report r JOIN reported_message rm ON rm.report_id = r.id
        WHERE r.case_id = c.id) AS reported,
      (SELECT json_agg(json_build_object('version', k.version, 'wrappedKey', encode(k.wrapped_key, 'base64'), 'kekId', k.kek_id))
         FROM conversation_key k WHERE k.conversation_id = c.conversation_id) AS keys,
      g.id AS grant_id, g.staff_id AS grant_staff_id, g.status::text AS grant_status, g.purpose::text AS grant_purpose,
      g.justification AS grant_justification, g.expires_at AS grant_expires_at, g.scope_from AS grant_scope_from, g.scope_to AS grant_scope_to
    FROM "case" c
    JOIN conversation conv ON conv.id = c.conversation_id
    LEFT JOIN LATERAL (
      SELECT * FROM access_grant WHERE case_id = c.id AND staff_id = $2::uuid
      -- A live grant wins over a newer pending widening of it; otherwise the latest says why not.
      ORDER BY (status = 'ACTIVE') DESC, created_at DESC LIMIT 1
    ) g ON true
    WHERE c.id = $1::uuid`,
    [caseId, staffId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    assigneeId: r.assignee_id,
    conversationId: r.conversation_id,
    messageCount: r.message_count,
    participants: r.participants,
    reportedMessageIds: r.reported ?? [],
    keys: r.keys ?? [],
    grant: r.grant_id
      ? {
          id: r.grant_id,
          staffId: r.grant_staff_id!,
          status: r.grant_status!,
          purpose: r.grant_purpose!,
          justification: r.grant_justification!,
          expiresAt: new Date(r.grant_expires_at!),
          scopeFrom: r.grant_scope_from!,
          scopeTo: r.grant_scope_to!,
        }
      : null,
  };
}

export type SealedMessage = { id: string; position: number; senderId: string; senderHandle: string; sentAt: Date; hasMedia: boolean; ciphertext: Uint8Array; nonce: Uint8Array; keyVersion: number };

type MessageRow = { id: string; position: number; sender_id: string; handle: string; sent_at: Date; has_media: boolean; ciphertext: Uint8Array; nonce: Uint8Array; key_version: number };

/** Ciphertexts of the messages to reveal: a position range, or exact ids (restricted to the conversation). */
export async function loadSealedMessages(client: PoolClient, conversationId: string, sel: { from: number; to: number } | { ids: string[] }): Promise<SealedMessage[]> {
  const columns = `SELECT m.id, m.position, m.sender_id, a.handle, m.sent_at, m.has_media, m.ciphertext, m.nonce, m.key_version
                     FROM message m JOIN platform_account a ON a.id = m.sender_id`;
  const { rows } =
    "ids" in sel
      ? await client.query<MessageRow>(`${columns} WHERE m.conversation_id = $1::uuid AND m.id = ANY($2::uuid[]) ORDER BY m.position`, [conversationId, sel.ids])
      : await client.query<MessageRow>(`${columns} WHERE m.conversation_id = $1::uuid AND m.position BETWEEN $2 AND $3 ORDER BY m.position`, [conversationId, sel.from, sel.to]);
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    senderId: r.sender_id,
    senderHandle: r.handle,
    sentAt: new Date(r.sent_at),
    hasMedia: r.has_media,
    ciphertext: r.ciphertext,
    nonce: r.nonce,
    keyVersion: r.key_version,
  }));
}
