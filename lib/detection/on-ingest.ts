import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// The seam between intake and proactive detection (issue 9 §2). The messages batch calls this
// inside its own transaction, after the message rows are built and before commit, with the
// plaintext it holds in memory: a flag commits with the messages it names, or neither does.
// This pass-through stands in until the detection work replaces the file.

export type IngestedMessage = {
  id: string;
  conversationId: string;
  position: number;
  senderId: string;
  sentAt: Date;
  text: string;
  participantRegions: readonly ("US" | "EU")[];
};

export async function scanIngested(tx: Prisma.TransactionClient, messages: readonly IngestedMessage[]): Promise<{ flagged: number }> {
  void tx;
  void messages;
  return { flagged: 0 };
}
