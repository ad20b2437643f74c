import { randomBytes } from "node:crypto";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("appUrl");
process.env.TEST_OWNER_URL = inject("ownerUrl");
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
process.env.CUSTODY_KEK = inject("kek");
process.env.CUSTODY_DATA_DIR ??= ".data/test-run";
// Checkpoint files belong to one database: each run's fresh database gets its own directory,
// or the sealer would find the previous run's checkpoints and refuse to sign over them.
process.env.CUSTODY_CHECKPOINT_DIR ??= `${process.env.CUSTODY_DATA_DIR}/checkpoints/${new URL(inject("appUrl")).pathname.slice(1)}`;
// Two active intake secrets, as during a rotation: tests sign with either (support/intake.ts).
process.env.CUSTODY_INTAKE_SECRET ??= `whsec_${randomBytes(32).toString("base64")} whsec_${randomBytes(32).toString("base64")}`;
