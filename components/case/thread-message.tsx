import type { Participant, ThreadMessage } from "@/lib/dto";
import { Badge } from "../ui/badge";
import { cx } from "../ui/cx";
import { LocalTime } from "../ui/local-time";

const ROLE_NOTE: Record<Participant["role"], string | null> = { REPORTER: "reporter", REPORTED: "reported account", OTHER: null };

/**
 * One message. The text is rendered as a React text child, never as HTML: message content is
 * untrusted and some of it is deliberately hostile markup, which must show literally.
 */
export function ThreadMessageRow({ message, senderRole }: { message: ThreadMessage; senderRole: Participant["role"] | undefined }) {
  const note = senderRole ? ROLE_NOTE[senderRole] : null;
  return (
    <li
      aria-label={message.reported ? `Reported message ${message.position}` : undefined}
      // Reported messages take focus (n / p, and the first one when the thread opens).
      data-reported={message.reported ? "" : undefined}
      tabIndex={message.reported ? -1 : undefined}
      className={cx("flex gap-3 border-l-4 px-3 py-1.5", message.reported ? "border-l-amber-500 bg-amber-50 focus:ring-2 focus:ring-accent-600 focus:outline-none focus:ring-inset" : "border-l-transparent")}
    >
      <span className="w-9 shrink-0 pt-px text-right text-xs text-zinc-500 tabular-nums" title="Position in the conversation">
        #{message.position}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-600">
          <span className="font-semibold text-zinc-900">{message.sender.handle}</span>
          {note ? <span>({note})</span> : null}
          <LocalTime iso={message.sentAt} seconds={false} className="tabular-nums" />
          {message.reported ? <Badge tone="warning">Reported</Badge> : null}
        </p>
        {message.text ? <p className="text-sm leading-5 break-words whitespace-pre-wrap text-zinc-900">{message.text}</p> : null}
        {message.hasMedia ? <HiddenMedia /> : null}
      </div>
    </li>
  );
}

/** Media is never loaded here: minimum necessary. A blurred stand-in says something was attached. */
function HiddenMedia() {
  return (
    <div className="relative mt-1 h-16 w-32 overflow-hidden rounded border border-zinc-300 bg-zinc-200">
      <div aria-hidden="true" className="absolute inset-0 scale-110 bg-[radial-gradient(circle_at_30%_40%,var(--color-zinc-400),transparent_60%),radial-gradient(circle_at_70%_60%,var(--color-zinc-500),transparent_55%)] blur-md" />
      <span className="absolute inset-0 flex items-center justify-center text-xs font-medium text-zinc-900">Media hidden</span>
    </div>
  );
}
