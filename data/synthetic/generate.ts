// Generates a synthetic study organization by organization (a generator, so a study of
// 1,000,000 responses never sits in memory at once). Pure: the same options give the same
// organizations, answers and profiles.
import type { AgeBand, ExitCountRow, GeneratedOrg, LatentType, StaffGroupCounts } from './types.js';
import type { Gender, NewOrgProfile, NewResponse, Role, StaffGroup } from '../database.js';
import { STAFF_GROUPS } from '../database.js';
import { POPULATION, type SyntheticOptions } from './params.js';
import { createRng, seededId, type Rng } from './rng.js';

const NON_WHITE = ['race_black', 'race_latine', 'race_asian', 'race_indigenous', 'race_pacific', 'race_mena'] as const;
const NON_WHITE_WEIGHTS = [30, 35, 15, 6, 4, 5];
const GENDERS: Gender[] = ['woman', 'man', 'nonbinary', 'prefer_not'];
const AGES: AgeBand[] = ['under_25', '25_34', '35_44', '45_54', '55_plus', 'prefer_not'];
const TENURE_BANDS = [0, 1, 2, 3, 5, 10];
const COMMENTS = [
  'More time for one-on-ones and base building would help.',
  'Campaign deadlines crowd out the relationship work.',
  'I feel heard in decisions here.',
  'Pay has not kept up with the cost of living.',
  'Leadership talks about community but the budget goes to campaigns.',
];
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function latentType(index: number, orgMean: number, mobMean: number): LatentType {
  if (index >= POPULATION.typeThreshold) return 'organizing';
  if (index <= -POPULATION.typeThreshold) return 'mobilizing';
  return orgMean >= POPULATION.integratedMean && mobMean >= POPULATION.integratedMean ? 'integrated' : 'low';
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function likert(rng: Rng, latent: number, min: number, max: number, noise = 0.6): number | null {
  if (rng.chance(POPULATION.itemMissingRate)) return null;
  return clamp(Math.round(latent + rng.normal(0, noise)), min, max);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Points added to every respondent's latent satisfaction and intent to leave in a wave. */
export interface WaveShift {
  sat: number;
  itl: number;
}

const NO_SHIFT: WaveShift = { sat: 0, itl: 0 };

/** A later wave of the same study (data/synthetic/waves.ts): the same organizations, new staff answers. */
export interface WaveSpec {
  /** 0 for the first wave (exactly the single-wave study), 1, 2, … after it. */
  index: number;
  shift: WaveShift;
  /** Chance that an organization of the first wave sits this wave out. */
  dropRate: number;
  /** Organizations that joined after the first wave and take part in this one. */
  joined: number;
  opensOn: string;
}

export function* generateStudy(opts: SyntheticOptions, ids: { waveId: string; studyId: string }, wave?: WaveSpec): Generator<GeneratedOrg> {
  const rng = createRng(opts.seed);
  const e = opts.effects;
  const usedCodes = new Set<string>();
  // Joiners come after the first wave's organizations in the stream, so the first wave is unchanged.
  const orgCount = opts.orgs + (wave && wave.index > 0 ? wave.joined : 0);
  for (let o = 0; o < orgCount; o++) {
    const pocLed = rng.chance(POPULATION.pocLedShare);
    const index = clamp(rng.normal(0.1 + (pocLed ? e.pocLedIndexGap / 2 : -e.pocLedIndexGap / 2), POPULATION.indexSd), -2.5, 2.5);
    const intensity = rng.normal(POPULATION.intensityMean, POPULATION.intensitySd);
    const orgMean = clamp(intensity + index / 2, 1.3, 4.7);
    const mobMean = clamp(intensity - index / 2, 1.3, 4.7);
    const type = latentType(orgMean - mobMean, orgMean, mobMean);
    const satRe = rng.normal(0, 0.35);
    const rootsRe = rng.normal(0, 0.4);
    const itlRe = rng.normal(0, 0.25);
    const nResp = rng.int(opts.staffMin, opts.staffMax);
    const responseRate = 0.6 + 0.35 * rng.uniform();
    let code: string;
    do {
      code = 'ORG-' + Array.from({ length: 6 }, () => CODE_ALPHABET[Math.floor(rng.uniform() * 32)]).join('');
    } while (usedCodes.has(code));
    usedCodes.add(code);
    const organizationId = seededId(rng);
    const pocShare = pocLed ? POPULATION.pocShareInPocLed : POPULATION.pocShareInWhiteLed;

    // One wave's staff answers and profile: a closure so a later wave can draw its own from
    // another stream while the study's stream still advances exactly as in the first wave.
    const answers = (rng: Rng, nResp: number, shift: WaveShift, ids: { waveId: string }, opts: { opensOn: string; profileRate: number }) => {
      const responses: NewResponse[] = [];
      const counts: StaffGroupCounts = Object.fromEntries(STAFF_GROUPS.map((g) => [g, 0])) as StaffGroupCounts;
      const expectedSat: number[] = [];
      const expectedItl: number[] = [];
      for (let s = 0; s < nResp; s++) {
        const role = rng.pick(POPULATION.roles, POPULATION.roleWeights) as Role;
        const isPoc = rng.chance(pocShare);
        const declined = rng.chance(0.05);
        const race: Record<string, 0 | 1> = Object.fromEntries([...NON_WHITE, 'race_white'].map((c) => [c, 0]));
        if (isPoc) {
          race[rng.pick(NON_WHITE, NON_WHITE_WEIGHTS)] = 1;
          if (rng.chance(0.12)) race.race_white = 1;
        } else race.race_white = 1;
        const tenure = clamp(Math.floor(Math.exp(rng.normal(0.9, 0.8))) - 1, 0, 30);
        const organizer = role === 'organizer';
        const slope = organizer ? (isPoc ? e.satIndexSlopePoc : e.satIndexSlopeWhite) : 0.1;
        const roots = 3.4 + rootsRe;
        const satMean = 4.6 + satRe + slope * index + 0.02 * tenure + shift.sat;
        const itlMean = 2.7 + itlRe + (organizer && isPoc ? e.itlIndexSlopePoc * index : -0.1 * index) + shift.itl;
        const personOrg = orgMean + rng.normal(0, 0.4);
        const personMob = mobMean + rng.normal(0, 0.4);
        const personRoots = roots + rng.normal(0, 0.5);
        // Other roots move satisfaction too, independently of orientation (so H1's truth is the slope alone).
        const sat = satMean + 0.3 * (personRoots - roots) + rng.normal(0, 0.6);
        const itl = itlMean - 0.2 * (personRoots - roots) + rng.normal(0, 0.5);
        if (organizer && isPoc && !declined) {
          // Only the planted part: organization random effects and tenure are noise around it.
          expectedSat.push(e.satIndexSlopePoc * index);
          expectedItl.push(e.itlIndexSlopePoc * index);
        }
        const looking = itl > 3.2 ? 'yes' : 'no';
        const stay = itl < 2.4 ? 'yes' : itl > 3.4 ? 'no' : 'unsure';
        const mightLeave = looking === 'yes' || stay !== 'yes';
        const reason = () => (mightLeave ? (rng.chance(0.3) ? 1 : 0) : null);
        const satItem = (v: number) => likert(rng, v, 1, 7, 0.7);
        const sat2 = satItem(sat);
        const group: StaffGroup = `${organizer ? 'organizer' : 'other'}_${declined ? 'unknown' : isPoc ? 'poc' : 'white'}`;
        counts[group] += 1;
        responses.push({
          id: seededId(rng),
          wave_id: ids.waveId,
          organization_id: organizationId,
          received_on: addDays(opts.opensOn, rng.int(0, 20)),
          instrument_version: 'synthetic',
          lang: rng.chance(0.15) ? 'es' : 'en',
          source: 'synthetic',
          role,
          tenure_years: tenure,
          fte: rng.chance(0.9) ? 'full' : 'part',
          race_black: declined ? null : race.race_black,
          race_latine: declined ? null : race.race_latine,
          race_asian: declined ? null : race.race_asian,
          race_indigenous: declined ? null : race.race_indigenous,
          race_pacific: declined ? null : race.race_pacific,
          race_mena: declined ? null : race.race_mena,
          race_white: declined ? null : race.race_white,
          race_self: null,
          race_decline: declined ? 1 : 0,
          gender: rng.pick(GENDERS, [55, 38, 5, 2]),
          gender_self: null,
          age_band: rng.pick(AGES, [12, 35, 25, 15, 10, 3]),
          org_1: likert(rng, personOrg, 1, 5), org_2: likert(rng, personOrg, 1, 5),
          org_3: likert(rng, personOrg, 1, 5), org_4: likert(rng, personOrg, 1, 5),
          mob_1: likert(rng, personMob, 1, 5), mob_2: likert(rng, personMob, 1, 5),
          mob_3: likert(rng, personMob, 1, 5), mob_4: likert(rng, personMob, 1, 5),
          br_1: likert(rng, personOrg, 1, 5, 0.8), br_2: likert(rng, (personOrg + personMob) / 2, 1, 5, 0.8),
          br_3: likert(rng, personMob, 1, 5, 0.8),
          cul_1: likert(rng, personRoots, 1, 5), cul_2: likert(rng, personRoots, 1, 5), cul_3: likert(rng, personRoots, 1, 5),
          lcb_1: likert(rng, personRoots + index / 4, 1, 5), lcb_2: likert(rng, personRoots + index / 4, 1, 5),
          lcb_3: likert(rng, personRoots + index / 4, 1, 5),
          dec_1: likert(rng, personRoots, 1, 5), dec_2: likert(rng, personRoots, 1, 5), dec_3: likert(rng, personRoots, 1, 5),
          val_1: likert(rng, personRoots + index / 4, 1, 5), val_2: likert(rng, personRoots + index / 4, 1, 5),
          sat_1: satItem(sat),
          // Reverse-coded item: a satisfied person disagrees with it.
          sat_2r: sat2 === null ? null : 8 - sat2,
          sat_3: satItem(sat),
          itl_1: likert(rng, itl, 1, 5), itl_2: likert(rng, itl, 1, 5), itl_3: likert(rng, itl, 1, 5),
          looking,
          stay_2y: stay,
          leave_reason_pay: reason(), leave_reason_workload: reason(), leave_reason_culture: reason(),
          leave_reason_leadership: reason(), leave_reason_growth: reason(), leave_reason_mission: reason(),
          leave_reason_personal: reason(), leave_reason_other: reason(),
          comment: rng.chance(0.1) ? rng.pick(COMMENTS) : null,
        });
      }

      // Profile: headcounts scale the respondents up by the response rate.
      const start: StaffGroupCounts = { ...counts };
      const hires: StaffGroupCounts = { ...counts };
      const seps: StaffGroupCounts = { ...counts };
      const end: StaffGroupCounts = { ...counts };
      const exits: ExitCountRow[] = [];
      let expectedSepPoc = 0;
      for (const g of STAFF_GROUPS) {
        start[g] = Math.round(counts[g] / responseRate);
        const rate = POPULATION.baseSeparationRate * (g === 'organizer_poc' ? Math.exp(e.sepLogRateSlopePoc * index) : 1);
        hires[g] = rng.poisson(rate * start[g]);
        const expectedSeps = rate * (start[g] + (start[g] + hires[g])) / 2;
        seps[g] = Math.min(start[g] + hires[g], rng.poisson(expectedSeps));
        end[g] = start[g] + hires[g] - seps[g];
        if (g === 'organizer_poc') expectedSepPoc = rate;
        const bandCounts = new Map<number, number>();
        for (let i = 0; i < seps[g]; i++) {
          const t = Math.floor(Math.exp(rng.normal(g === 'organizer_poc' ? 0.5 + 0.3 * index : 0.6, 0.8))) - 1;
          const band = [...TENURE_BANDS].reverse().find((b) => t >= b) ?? 0;
          bandCounts.set(band, (bandCounts.get(band) ?? 0) + 1);
        }
        for (const [band, count] of bandCounts) exits.push({ staff_group: g, tenure_band: band, count });
      }
      const hasProfile = rng.chance(opts.profileRate);
      const seniorTotal = rng.int(2, 8);
      const edPoc = pocLed ? (rng.chance(0.85) ? 1 : 0) : 0;
      const seniorPoc = pocLed
        ? edPoc === 1 ? rng.int(0, seniorTotal) : Math.ceil(seniorTotal / 2) + rng.int(0, Math.floor(seniorTotal / 2))
        : rng.int(0, Math.ceil(seniorTotal / 2) - 1);
      const boardTotal = rng.int(5, 15);
      const selfItem = (v: number) => clamp(Math.round(v + 0.3 + rng.normal(0, 0.5)), 1, 5);
      const profile: NewOrgProfile | null = hasProfile
        ? {
            wave_id: ids.waveId,
            organization_id: organizationId,
            status: 'submitted',
            updated_on: addDays(opts.opensOn, rng.int(0, 20)),
            ed_poc: edPoc as 0 | 1,
            ed_gender: rng.pick(GENDERS.slice(0, 3), [55, 40, 5]),
            senior_total: seniorTotal,
            senior_poc: seniorPoc,
            board_total: boardTotal,
            board_poc: rng.int(0, boardTotal),
            ...prefixed('start', start), ...prefixed('end', end), ...prefixed('hires', hires), ...prefixed('sep', seps),
            headcount_note: null,
            self_org_1: selfItem(orgMean), self_org_2: selfItem(orgMean), self_org_3: selfItem(orgMean), self_org_4: selfItem(orgMean),
            self_mob_1: selfItem(mobMean), self_mob_2: selfItem(mobMean), self_mob_3: selfItem(mobMean), self_mob_4: selfItem(mobMean),
            self_br_1: selfItem(orgMean), self_br_2: selfItem((orgMean + mobMean) / 2), self_br_3: selfItem(mobMean),
          }
        : null;

      return { responses, counts, expectedSat, expectedItl, start, end, exits, expectedSepPoc, hasProfile, profile };
    };
    const first = answers(rng, nResp, NO_SHIFT, ids, opts);
    const region = rng.pick(['Northeast', 'South', 'Midwest', 'West']);
    const w = wave && wave.index > 0 ? waveAnswers(wave, o, opts, ids, answers) : first;
    if (w === null) continue;
    const { responses, start, end, exits, expectedSat, expectedItl, expectedSepPoc, hasProfile, profile } = w;

    yield {
      organization: {
        id: organizationId,
        study_id: ids.studyId,
        name: `Synthetic organization ${String(o + 1).padStart(String(opts.orgs).length, '0')}`,
        code,
        contact: null,
        size_band: start.organizer_poc + start.other_poc + start.organizer_white + start.other_white > 50 ? '50+' : 'under 50',
        region,
        budget_band: null,
        created_on: opts.opensOn,
      },
      responses,
      profile,
      exits: hasProfile ? exits : [],
      latent: { pocLed, index, orgMean, mobMean, type, expectedSat, expectedItl, sepRatePoc: expectedSepPoc, startPoc: start.organizer_poc, endPoc: end.organizer_poc },
    };
  }
}

/**
 * A later wave's answers of organization `o`: its own stream (seed, wave, organization), so
 * staff are new people; null when the organization sits the wave out.
 */
function waveAnswers<T>(
  wave: WaveSpec,
  o: number,
  opts: SyntheticOptions,
  ids: { waveId: string },
  answers: (rng: Rng, nResp: number, shift: WaveShift, ids: { waveId: string }, opts: { opensOn: string; profileRate: number }) => T,
): T | null {
  const r = createRng((Math.imul(opts.seed, 0x9e3779b1) ^ Math.imul(wave.index + 1, 0x85ebca6b) ^ Math.imul(o + 1, 0xc2b2ae35)) >>> 0);
  if (o < opts.orgs && r.chance(wave.dropRate)) return null;
  return answers(r, r.int(opts.staffMin, opts.staffMax), wave.shift, ids, { opensOn: wave.opensOn, profileRate: opts.profileRate });
}

function prefixed<P extends string>(prefix: P, counts: StaffGroupCounts): Record<`${P}_${StaffGroup}`, number> {
  return Object.fromEntries(STAFF_GROUPS.map((g) => [`${prefix}_${g}`, counts[g]])) as Record<`${P}_${StaffGroup}`, number>;
}
