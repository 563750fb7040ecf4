// Study time zones: which IANA zones are accepted (whatever this Node's Intl knows) and the
// local calendar day of an instant in a zone. A wave's dates are local days: it opens at
// local midnight at the start of its opening day and closes at local midnight at the end
// of its closing day, and a response's stored day is the local day it arrived. Comparing
// local days as text is the whole rule, so no instant or time of day is ever stored.
import { InvalidInputError } from './errors.js';

export const DEFAULT_TIME_ZONE = 'UTC';

// One formatter per zone: constructing them is the expensive part, and a service sees few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // en-CA formats a date as YYYY-MM-DD; the parts are read by type anyway.
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The canonical spelling of an IANA zone (e.g. "america/los_angeles" -> "America/Los_Angeles"), or undefined if Intl does not know it. */
export function canonicalTimeZone(zone: string): string | undefined {
  const trimmed = zone.trim();
  // Offsets such as "+02:00" are accepted by newer Intl versions but do not follow daylight saving: a place's zone does.
  if (trimmed === '' || trimmed.length > 64 || /^[+-]/.test(trimmed)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A message saying why `zone` is not accepted and what to give instead. */
export function timeZoneProblem(zone: string): string {
  return `"${zone}" is not a time zone this server knows: give an IANA name such as America/Los_Angeles, America/New_York, Europe/Madrid or UTC.`;
}

/** The canonical zone, or an InvalidInputError naming the field and the bad value. */
export function checkTimeZone(zone: string, field = 'time_zone'): string {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) throw new InvalidInputError(`The time zone is not valid: ${field}: ${timeZoneProblem(zone)}`, [{ path: field, message: timeZoneProblem(zone) }]);
  return canonical;
}

// The last day computed per zone, with the whole second it holds for. Time zone offsets and
// their changes fall on whole seconds, so every instant of one second has the same day; the
// service asks for today on every submission, and formatting is most of that cost.
const lastDays = new Map<string, { second: number; day: string }>();

/** The calendar day ('YYYY-MM-DD') that `instant` falls on in `zone`. */
export function localDay(zone: string, instant: Date = new Date()): string {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastDays.get(zone);
  if (last !== undefined && last.second === second) return last.day;
  const parts = formatter(zone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  lastDays.set(zone, { second, day });
  return day;
}
