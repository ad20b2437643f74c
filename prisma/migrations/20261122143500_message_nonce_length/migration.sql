-- Every message nonce is 12 bytes (AES-256-GCM with a 96-bit nonce, lib/crypto/envelope.ts).
-- The content route reads nonce and ciphertext as one value and splits it at 12 bytes
-- (lib/access/read-queries.ts); this constraint makes that split right by construction.
-- Prisma cannot declare CHECK constraints and leaves this one alone.
ALTER TABLE "message" ADD CONSTRAINT "message_nonce_length" CHECK (octet_length("nonce") = 12);
