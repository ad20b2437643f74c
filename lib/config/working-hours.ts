// Working hours for the "reads outside working hours" signal, from CUSTODY_WORKING_HOURS
// ("07:00-19:00", UTC). A team on another shift sets its own; "22:00-06:00" wraps midnight.

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-4]):([0-5]\d)$/;

export type WorkingHours = { start: number; end: number };

/** Minutes after midnight UTC, or null if the text is not "HH:MM-HH:MM" with distinct ends. */
export function parseWorkingHours(text: string): WorkingHours | null {
  const m = RANGE.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (end > 24 * 60 || start === end) return null;
  return { start, end };
}

/** Whether a moment falls outside the working hours (start inclusive, end exclusive). */
export function isOutsideWorkingHours(at: Date, hours: WorkingHours): boolean {
  const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
  const inside = hours.start < hours.end ? minute >= hours.start && minute < hours.end : minute >= hours.start || minute < hours.end;
  return !inside;
}

export function formatWorkingHours(h: WorkingHours): string {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `${hm(h.start)}–${hm(h.end)} UTC`;
}
