// A seeded random source for the synthetic study: Mersenne Twister from @stdlib, with
// normal and Poisson draws sharing the one stream so a seed fixes every value.
import mt19937 from '@stdlib/random-base-mt19937';
import normalFactory from '@stdlib/random-base-normal';
import poissonFactory from '@stdlib/random-base-poisson';

export interface Rng {
  uniform(): number;
  normal(mean: number, sd: number): number;
  poisson(lambda: number): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[], weights?: readonly number[]): T;
}

export function createRng(seed: number): Rng {
  const base = mt19937.factory({ seed: (seed >>> 0) || 1 });
  // mt19937 yields 32-bit unsigned integers; dividing by 2^32 gives [0, 1).
  const uniform = () => base() / 4294967296;
  const normal = normalFactory.factory({ prng: uniform });
  const poisson = poissonFactory.factory({ prng: uniform });
  return {
    uniform,
    normal: (mean, sd) => normal(mean, sd),
    poisson: (lambda) => (lambda <= 0 ? 0 : poisson(lambda)),
    int: (min, max) => min + Math.floor(uniform() * (max - min + 1)),
    chance: (p) => uniform() < p,
    pick(items, weights) {
      if (!weights) return items[Math.floor(uniform() * items.length)];
      const total = weights.reduce((a, b) => a + b, 0);
      let u = uniform() * total;
      for (let i = 0; i < items.length; i++) {
        u -= weights[i];
        if (u < 0) return items[i];
      }
      return items[items.length - 1];
    },
  };
}

/** A seeded UUID-shaped id, so a seeded study is identical run to run. */
export function seededId(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.uniform() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
