import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

/** Passes bytes through unchanged, counting them and hashing them (SHA-256) on the way. */
export class HashingStream extends Transform {
  readonly #hash = createHash("sha256");
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  /** The hex digest; only once the stream has ended. */
  digest(): string {
    return this.#hash.digest("hex");
  }
}
