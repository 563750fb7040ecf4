// The synthetic study's parameters, with the effects it plants. Defaults echo the funder
// study: organizers of color more satisfied and less likely to leave where organizations
// organize, and POC-led organizations leaning toward organizing. Set an effect to 0 to
// generate a study where that finding is false.
//
// Every organization has a latent orientation index (organizing minus mobilizing, in
// 1–5 scale points). Its staff rate the org_* items around (intensity + index/2) and the
// mob_* items around (intensity − index/2), with person and item noise.

export interface PlantedEffects {
  /** H4: mean latent orientation index of POC-led minus white-led organizations. */
  pocLedIndexGap: number;
  /** Satisfaction (1–7 points) per unit of latent index, for organizers of color. */
  satIndexSlopePoc: number;
  /** The same for white organizers; H5's interaction is the difference of the two. */
  satIndexSlopeWhite: number;
  /** Intent to leave (1–5 points) per unit of latent index, organizers of color. */
  itlIndexSlopePoc: number;
  /** Log separation rate per unit of latent index, organizers of color (rate ratio = exp(slope × Δindex)). */
  sepLogRateSlopePoc: number;
}

export interface SyntheticOptions {
  orgs: number;
  staffMin: number;
  staffMax: number;
  seed: number;
  effects: PlantedEffects;
  studyName: string;
  waveName: string;
  k: number;
  /** Share of organizations whose contact filled the profile. */
  profileRate: number;
  /** First day of the wave: responses arrive over the following three weeks. */
  opensOn: string;
}

export const DEFAULT_EFFECTS: PlantedEffects = {
  pocLedIndexGap: 0.8,
  satIndexSlopePoc: 0.6,
  satIndexSlopeWhite: 0.1,
  itlIndexSlopePoc: -0.45,
  sepLogRateSlopePoc: -0.45,
};

export const NO_EFFECTS: PlantedEffects = {
  pocLedIndexGap: 0,
  satIndexSlopePoc: 0,
  satIndexSlopeWhite: 0,
  itlIndexSlopePoc: 0,
  sepLogRateSlopePoc: 0,
};

export const DEFAULT_OPTIONS: SyntheticOptions = {
  orgs: 40,
  staffMin: 3,
  staffMax: 30,
  seed: 1,
  effects: DEFAULT_EFFECTS,
  studyName: 'Synthetic study',
  waveName: 'Wave 1',
  k: 5,
  profileRate: 0.95,
  opensOn: '2026-10-01',
};

/** Fixed structure of the simulated population (not planted effects). */
export const POPULATION = {
  pocLedShare: 0.45,
  pocShareInPocLed: 0.7,
  pocShareInWhiteLed: 0.35,
  indexSd: 0.6,
  intensityMean: 3.4,
  intensitySd: 0.35,
  baseSeparationRate: 0.22,
  roles: ['organizer', 'campaign', 'program', 'communications', 'development', 'operations', 'leadership', 'other'] as const,
  roleWeights: [35, 12, 12, 8, 8, 10, 8, 7],
  itemMissingRate: 0.03,
  /** Thresholds used to give each organization its latent type (the pipeline's defaults). */
  typeThreshold: 0.5,
  integratedMean: 3.5,
};

/**
 * A study of several waves (`rootwork synthetic --waves N`): the same organizations (same
 * codes, leadership, orientation and organization effects), new anonymous staff answers each
 * wave, some organizations sitting a wave out and some joining. Each wave after the first
 * adds `shift` once more to every respondent's latent satisfaction and intent to leave, so
 * the planted change between consecutive waves is exactly `shift` on those scales and zero
 * on everything else (orientation, the other roots, and H1–H5, whose groups all shift alike).
 */
export interface WavesOptions {
  waves: number;
  /** Planted change per wave, in scale points (satisfaction 1–7, intent to leave 1–5). */
  shift: { sat: number; itl: number };
  /** Chance that an organization of the first wave sits a later wave out. */
  dropRate: number;
  /** Organizations joining with each wave after the first. */
  joinersPerWave: number;
  /** Days between waves' opening days (the last wave opens on SyntheticOptions.opensOn). */
  daysApart: number;
}

export const PLANTED_WAVE_CHANGE = { sat: 0.5, itl: -0.3 };

export const DEFAULT_WAVES: WavesOptions = {
  waves: 2,
  shift: PLANTED_WAVE_CHANGE,
  dropRate: 0.15,
  joinersPerWave: 3,
  daysApart: 365,
};
