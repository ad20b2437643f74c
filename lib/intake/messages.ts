import "server-only";
import { currentDataKeys } from "@/lib/crypto/conversation-keys";
import { randomBytes } from "node:crypto";
import { messageAad, NONCE_BYTES, seal } from "@/lib/crypto/envelope";
import type { Sql } from "@/lib/db/tagged";
import { scanIngested, type IngestedMessage } from "@/lib/detection/on-ingest";
import { ConflictError } from "@/lib/errors";
import { uuidv7 } from "@/lib/ids";
import { decodeInlineImages, resolveUploads, sealAttachment, type AttachmentRow } from "./attachments";
import { refuse, whereOf } from "./intake-errors";
import type { MessagesBatch, MessagesResult } from "./schemas";

// The only way DM text enters Custody. A batch may declare conversations (or add participants
// to stored ones) and carry messages for stored or declared conversations. Every message is
// checked before anything is written: its conversation known, its sender known and a
// participant. Text and images are encrypted under the conversation's data key and exist in
// clear only in this function's memory, which hands the text to proactive detection inside
// the same transaction. Idempotent by platform message id: a re-sent message is a "duplicate".

type Conv = { id: string; external_id: string; message_count: number; shredded: boolean };
type Region = "US" | "EU";

function firstRepeat(ids: readonly string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    if (seen.has(ids[i]!)) return i;
    seen.add(ids[i]!);
  }
  return -1;
}

export async function ingestMessages(sql: Sql, batch: MessagesBatch): Promise<MessagesResult> {
  const { conversations: declared, messages } = batch;
  const repeated = firstRepeat(messages.map((m) => m.id));
  if (repeated >= 0) throw refuse("DUPLICATE_ID", ["messages", repeated, "id"], "this message id appears twice in the batch");
  const repeatedConv = firstRepeat(declared.map((c) => c.id));
  if (repeatedConv >= 0) throw refuse("DUPLICATE_ID", ["conversations", repeatedConv, "id"], "this conversation is declared twice in the batch");
  declared.forEach((c, i) => {
    const p = firstRepeat(c.participantIds);
    if (p >= 0) throw refuse("DUPLICATE_ID", ["conversations", i, "participantIds", p], "this participant appears twice");
  });
  const pending = decodeInlineImages(messages);

  // Accounts: every declared participant and every sender must be known.
  const wanted = [...new Set([...declared.flatMap((c) => c.participantIds), ...messages.map((m) => m.senderId)])];
  // Raw over an array parameter: Prisma's `in` spells out one placeholder per id, which for a
  // 500-message batch costs more than the lookup.
  const accounts = await sql<{ id: string; external_id: string }>`SELECT id, external_id FROM platform_account WHERE external_id = ANY(${wanted}::text[])`;
  const accountByExternal = new Map(accounts.map((a) => [a.external_id, a]));
  declared.forEach((c, i) =>
    c.participantIds.forEach((p, j) => {
      if (!accountByExternal.has(p)) throw refuse("UNKNOWN_ACCOUNT", ["conversations", i, "participantIds", j], "no account with this id; send it to /intake/accounts first");
    }),
  );
  messages.forEach((m, i) => {
    if (!accountByExternal.has(m.senderId)) throw refuse("UNKNOWN_ACCOUNT", ["messages", i, "senderId"], "no account with this id; send it to /intake/accounts first");
  });

  // Conversations: stored or declared here. The stored ones the batch touches are locked in id
  // order (positions are assigned under the lock, and two batches on the same conversations
  // queue rather than deadlock); new ones are then created and locked in turn. A conversation
  // another batch creates meanwhile is taken as it is (ON CONFLICT), locked with the new ones.
  const referenced = [...new Set([...declared.map((c) => c.id), ...messages.map((m) => m.conversationId)])].sort();
  const declaredIds = new Set(declared.map((c) => c.id));
  const lockConversations = (externalIds: readonly string[]) => sql<Conv>`
    SELECT id, external_id, message_count, shredded_at IS NOT NULL AS shredded FROM conversation WHERE external_id = ANY(${externalIds}::text[]) ORDER BY id FOR UPDATE`;
  const convs = await lockConversations(referenced);
  const known = new Set(convs.map((c) => c.external_id));
  messages.forEach((m, i) => {
    if (!known.has(m.conversationId) && !declaredIds.has(m.conversationId)) throw refuse("UNKNOWN_CONVERSATION", ["messages", i, "conversationId"], "no conversation with this id; declare it in `conversations`");
  });
  const fresh = referenced.filter((id) => !known.has(id));
  if (fresh.length > 0) {
    await sql`INSERT INTO conversation (id, external_id) SELECT * FROM unnest(${fresh.map(() => uuidv7())}::uuid[], ${fresh}::text[]) ON CONFLICT (external_id) DO NOTHING`;
    convs.push(...(await lockConversations(fresh)));
  }
  const convByExternal = new Map(convs.map((c) => [c.external_id, c]));
  // Retention destroyed this conversation's data key: nothing new is written under a new one.
  messages.forEach((m, i) => {
    if (convByExternal.get(m.conversationId)!.shredded) throw new ConflictError("CONVERSATION_SHREDDED", `messages[${i}].conversationId: this conversation's data was destroyed by retention`, whereOf(["messages", i, "conversationId"]));
  });

  if (declared.length > 0) {
    const pairs = declared.flatMap((c) => c.participantIds.map((p) => [convByExternal.get(c.id)!.id, accountByExternal.get(p)!.id] as const));
    await sql`
      INSERT INTO conversation_participant (conversation_id, account_id) SELECT * FROM unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::uuid[]) ON CONFLICT DO NOTHING`;
  }
  // What the locked conversations hold, read after the lock (a fresh snapshot: it sees whatever
  // a batch this one waited for committed): their members, newest data keys, and which of the
  // batch's platform ids are stored already. One statement, so one round trip.
  const [held] = await sql<{ members: { c: string; a: string; r: Region }[]; keys: { c: string; v: number; w: string; k: string }[]; stored: { e: string; c: string }[] }>`
    SELECT
      COALESCE((SELECT json_agg(json_build_object('c', p.conversation_id, 'a', p.account_id, 'r', a.data_region))
                FROM conversation_participant p JOIN platform_account a ON a.id = p.account_id WHERE p.conversation_id = ANY(${convs.map((c) => c.id)}::uuid[])), '[]') AS members,
      COALESCE((SELECT json_agg(json_build_object('c', k.conversation_id, 'v', k.version, 'w', encode(k.wrapped_key, 'base64'), 'k', k.kek_id))
                FROM (SELECT DISTINCT ON (conversation_id) conversation_id, version, wrapped_key, kek_id FROM conversation_key
                      WHERE conversation_id = ANY(${convs.map((c) => c.id)}::uuid[]) ORDER BY conversation_id, version DESC) k), '[]') AS keys,
      COALESCE((SELECT json_agg(json_build_object('e', external_id, 'c', conversation_id)) FROM message WHERE external_id = ANY(${messages.map((m) => m.id)}::text[])), '[]') AS stored`;
  const members = held!.members.map((m) => ({ conversation_id: m.c, account_id: m.a, data_region: m.r }));
  const membersOf = new Map<string, { ids: Set<string>; regions: Region[] }>();
  for (const m of members) {
    const entry = membersOf.get(m.conversation_id) ?? { ids: new Set(), regions: [] };
    entry.ids.add(m.account_id);
    if (!entry.regions.includes(m.data_region)) entry.regions.push(m.data_region);
    membersOf.set(m.conversation_id, entry);
  }
  messages.forEach((m, i) => {
    const conv = convByExternal.get(m.conversationId)!;
    if (!membersOf.get(conv.id)?.ids.has(accountByExternal.get(m.senderId)!.id)) throw refuse("NOT_A_PARTICIPANT", ["messages", i, "senderId"], "the sender is not a participant of this conversation");
  });

  // Duplicates: a platform id already stored is the same message sent again, unless it is
  // stored in another conversation, which is a different message under a reused id.
  const stored = held!.stored.map((x) => ({ external_id: x.e, conversation_id: x.c }));
  const storedConv = new Map(stored.map((s) => [s.external_id, s.conversation_id]));
  messages.forEach((m, i) => {
    const at = storedConv.get(m.id);
    if (at !== undefined && at !== convByExternal.get(m.conversationId)!.id) {
      throw new ConflictError("ID_CONFLICT", `messages[${i}].id: a message with this id is stored in another conversation`, whereOf(["messages", i, "id"]));
    }
  });

  // New messages get positions after the conversation's last, in the order they were sent.
  const newIdx = messages.map((_, i) => i).filter((i) => !storedConv.has(messages[i]!.id));
  newIdx.sort((a, b) => messages[a]!.sentAt.getTime() - messages[b]!.sentAt.getTime() || a - b);
  const nextPosition = new Map(convs.map((c) => [c.id, c.message_count]));
  const keys = await currentDataKeys(
    sql,
    [...new Set(newIdx.map((i) => convByExternal.get(messages[i]!.conversationId)!.id))],
    held!.keys.map((k) => ({ conversation_id: k.c, version: k.v, wrapped_key: Buffer.from(k.w, "base64"), kek_id: k.k })),
  );
  const rows = [];
  const attachments: AttachmentRow[] = [];
  const uploadRefs: Parameters<typeof resolveUploads>[1][number][] = [];
  const scanned: IngestedMessage[] = [];
  const nonces = randomBytes(NONCE_BYTES * newIdx.length);
  for (const [k, i] of newIdx.entries()) {
    const m = messages[i]!;
    const conv = convByExternal.get(m.conversationId)!;
    const dataKey = keys.get(conv.id)!;
    const position = nextPosition.get(conv.id)! + 1;
    nextPosition.set(conv.id, position);
    const id = uuidv7(m.sentAt.getTime());
    const senderId = accountByExternal.get(m.senderId)!.id;
    const sealed = seal(dataKey.key, Buffer.from(m.text, "utf8"), messageAad(conv.id, id, dataKey.version), nonces.subarray(k * NONCE_BYTES, (k + 1) * NONCE_BYTES));
    for (const a of pending.inline.get(i) ?? []) attachments.push(sealAttachment(dataKey.key, dataKey.version, conv.id, id, a.image));
    for (const u of pending.uploads.get(i) ?? []) uploadRefs.push({ item: i, index: u.index, uploadId: u.uploadId, conversationId: conv.id, messageId: id });
    rows.push({
      id,
      externalId: m.id,
      conversationId: conv.id,
      position,
      senderId,
      sentAt: m.sentAt,
      hasMedia: m.attachments.length > 0,
      // base64 text: the driver would spell each bytea out as hex inside an array literal, twice the size.
      ciphertext: sealed.ciphertext.toString("base64"),
      nonce: sealed.nonce.toString("base64"),
      keyVersion: dataKey.version,
    });
    scanned.push({ id, conversationId: conv.id, position, senderId, sentAt: m.sentAt, text: m.text, participantRegions: membersOf.get(conv.id)!.regions });
  }
  const links = await resolveUploads(sql, uploadRefs);

  if (rows.length > 0) {
    // One statement over arrays, not one per row: a batch is hundreds of rows of ciphertext, and
    // this is the insert the intake's throughput is measured against (bench:intake). It also
    // sets each conversation's new message count (a data-modifying WITH runs to completion
    // whatever reads it).
    const counts = convs.filter((c) => nextPosition.get(c.id) !== c.message_count);
    await sql`
      WITH inserted AS (
        INSERT INTO message (id, external_id, conversation_id, position, sender_id, sent_at, has_media, ciphertext, nonce, key_version)
        SELECT id, external_id, conversation_id, position, sender_id, sent_at, has_media, decode(ciphertext, 'base64'), decode(nonce, 'base64'), key_version FROM unnest(
        ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.conversationId)}::uuid[], ${rows.map((r) => r.position)}::int[],
        ${rows.map((r) => r.senderId)}::uuid[], ${rows.map((r) => r.sentAt)}::timestamptz[], ${rows.map((r) => r.hasMedia)}::boolean[],
        ${rows.map((r) => r.ciphertext)}::text[], ${rows.map((r) => r.nonce)}::text[], ${rows.map((r) => r.keyVersion)}::int[]) AS t(id, external_id, conversation_id, position, sender_id, sent_at, has_media, ciphertext, nonce, key_version))
      UPDATE conversation c SET message_count = t.n FROM unnest(${counts.map((c) => c.id)}::uuid[], ${counts.map((c) => nextPosition.get(c.id)!)}::int[]) AS t(id, n) WHERE c.id = t.id`;
    if (attachments.length > 0) {
      await sql`
        INSERT INTO message_attachment (id, conversation_id, message_id, content_type, byte_size, ciphertext, nonce, key_version)
        SELECT id, conversation_id, message_id, content_type, byte_size, decode(ciphertext, 'base64'), decode(nonce, 'base64'), key_version FROM unnest(
          ${attachments.map((a) => a.id)}::uuid[], ${attachments.map((a) => a.conversationId)}::uuid[], ${attachments.map((a) => a.messageId)}::uuid[], ${attachments.map((a) => a.contentType)}::text[],
          ${attachments.map((a) => a.byteSize)}::int[], ${attachments.map((a) => Buffer.from(a.ciphertext).toString("base64"))}::text[], ${attachments.map((a) => Buffer.from(a.nonce).toString("base64"))}::text[],
          ${attachments.map((a) => a.keyVersion)}::int[]) AS t(id, conversation_id, message_id, content_type, byte_size, ciphertext, nonce, key_version)`;
    }
    if (links.length > 0) {
      await sql`
        UPDATE message_attachment a SET message_id = t.message_id
        FROM unnest(${links.map((l) => l.uploadId)}::uuid[], ${links.map((l) => l.messageId)}::uuid[]) AS t(id, message_id) WHERE a.id = t.id`;
    }
  }
  const { flagged } = scanned.length > 0 ? await scanIngested(sql, scanned) : { flagged: 0 };
  const accepted = new Set(newIdx);
  return {
    accepted: rows.length,
    duplicate: messages.length - rows.length,
    flagged,
    messages: messages.map((m, i) => ({ id: m.id, status: accepted.has(i) ? ("accepted" as const) : ("duplicate" as const) })),
  };
}
