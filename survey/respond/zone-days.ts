// "Today" for an invite code sent to the API before the code is looked up. The writer checks
// and claims a code in the transaction that stores its answers, given the day to check
// against; the day depends on the study's time zone, and finding the study would cost a
// lookup on the request thread for every submission (measured: about a third of the API's
// rate on SQLite). But while every time zone the studies use is on the same calendar day —
// always with one zone, and most hours with several — that day is the day, whatever the
// code's study. Only when they straddle a midnight is the code looked up.
//
// The list of zones is re-read at most every ZONES_TTL_MS, so a study created or moved to a
// new zone by another process counts within that time.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { localDay } from '../../data/time-zone.js';

export const ZONES_TTL_MS = 5_000;

export interface ZoneDays {
  /** The day in every zone studies use at `instant`, or undefined when they differ (or there are no studies). */
  sharedDay(db: Kysely<Database>, instant: Date): Promise<string | undefined>;
}

export function createZoneDays(ttlMs = ZONES_TTL_MS, now: () => number = () => Date.now()): ZoneDays {
  let zones: string[] | undefined;
  let readAt = 0;
  return {
    async sharedDay(db, instant) {
      if (zones === undefined || now() - readAt >= ttlMs) {
        zones = (await db.selectFrom('studies').select('time_zone').distinct().execute()).map((r) => r.time_zone);
        readAt = now();
      }
      const days = new Set(zones.map((zone) => localDay(zone, instant)));
      return days.size === 1 ? [...days][0] : undefined;
    },
  };
}
