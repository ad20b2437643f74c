import PDFDocument from "pdfkit";
import type { DisclosedMessage, DisclosureTicket } from "@/lib/access/read-disclosed-messages";

// The package's human-readable part: a cover letter to the requesting agency, then the record
// listing, one line per disclosed message in records.jsonl's order. The PDF uses the standard
// Helvetica font, which covers Latin-1 only, so other characters are shown as "?" and each
// text is cut to one line: records.jsonl is the complete, authoritative copy (the letter says so).

const MARGIN = 48;
const ROW = 11;
const latin1 = (s: string) => s.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, "?");
const day = (d: Date) => d.toISOString().slice(0, 10);

export function coverLetter(ticket: DisclosureTicket, origin: string, messages: AsyncIterable<DisclosedMessage[]>): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: `Disclosure L-${ticket.request.number}`, Author: origin }, compress: true });
  void write(doc, ticket, origin, messages).catch((error: Error) => doc.destroy(error));
  return doc;
}

async function write(doc: PDFKit.PDFDocument, t: DisclosureTicket, origin: string, messages: AsyncIterable<DisclosedMessage[]>): Promise<void> {
  const r = t.request;
  doc.font("Helvetica-Bold").fontSize(14).text(latin1(`Disclosure in response to legal request L-${r.number}`));
  doc.moveDown(0.5).font("Helvetica").fontSize(10);
  const lines = [
    `To: ${r.officerName}, ${r.authority}`,
    `Your reference: ${r.reference} (${r.instrument.replaceAll("_", " ").toLowerCase()}, ${r.jurisdictionName})`,
    `Accounts and dates: the named accounts' direct messages from ${day(r.dateFrom)} to ${day(r.dateTo)}, within the access approved under the request`,
    `Records disclosed: ${t.messageCount}`,
    `Prepared: ${t.builtAt.toISOString()} by ${t.builtBy.name} <${t.builtBy.email}>`,
    `Package: ${t.packageId}; access-log event ${t.seq} (EXPORT)`,
  ];
  for (const line of lines) doc.text(latin1(line));
  doc.moveDown();
  doc.text(
    latin1(
      "The enclosed records.jsonl holds every disclosed message, one per line, and is the complete copy; the listing below shows each on one line. " +
        "manifest.json gives the SHA-256 of every file in this package and is signed (manifest.sig) with the Ed25519 key of our access log " +
        `(${origin}). export-proof.json proves that building this package was recorded in that log, naming every message, before any message was decrypted. ` +
        "The package can be checked offline with our published public key: npm run audit:verify -- --package <file.zip> --public-key <key file>.",
    ),
  );
  doc.moveDown().font("Helvetica-Bold").text("Record listing");
  doc.font("Helvetica").fontSize(7);
  const width = doc.page.width - 2 * MARGIN;
  const cols = [0, 28, 118, 178, 258];
  let y = doc.y + 4;
  const bottom = doc.page.height - MARGIN;
  const header = () => {
    doc.font("Helvetica-Bold");
    ["#", "Sent (UTC)", "Conversation", "Sender", "Text (first line; full text in records.jsonl)"].forEach((h, i) => doc.text(h, MARGIN + cols[i]!, y, { lineBreak: false }));
    doc.font("Helvetica");
    y += ROW;
  };
  header();
  let n = 0;
  for await (const batch of messages) {
    for (const m of batch) {
      if (y + ROW > bottom) {
        doc.addPage();
        y = MARGIN;
        header();
      }
      n++;
      const cells = [String(n), m.sentAt.slice(0, 19).replace("T", " "), m.conversationId.slice(0, 13), latin1(m.sender.handle).slice(0, 18), latin1(m.text.split("\n")[0]!).slice(0, 160) + (m.hasMedia ? " [media]" : "")];
      cells.forEach((c, i) => doc.text(c, MARGIN + cols[i]!, y, { lineBreak: false, width: i === 4 ? width - cols[4]! : cols[i + 1]! - cols[i]! - 4, ellipsis: true, height: ROW }));
      y += ROW;
    }
  }
  doc.end();
}
