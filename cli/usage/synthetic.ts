// `rootwork synthetic --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork synthetic [--orgs N] [--staff MIN..MAX] [--seed S] [--k K] [--null] [--name NAME]
                         [--waves N] [--no-change]

Writes a whole study into DATABASE_URL: organizations with orientation and leadership,
their profiles (headcounts, hires, separations), and staff responses for every codebook
variable. The same seed gives the same data. Planted effects follow the funder study
(see data/synthetic/params.ts); --null plants none.
  --orgs N          organizations (default 40)
  --staff MIN..MAX  respondents per organization (default 3..30)
  --seed S          random seed (default 1)
  --k K             the waves' minimum group size (default 5)
  --name NAME       study name (default "Synthetic study (seed S)")
  --waves N         waves, one year apart, the last opening on 2026-10-01 (default 1).
                    The first has the one-wave study's answers;
                    each later one has the same organizations (about 15% sit a wave
                    out, 3 join) with new staff, satisfaction +0.5 and intent to leave
                    -0.3 points per wave. Every wave but the last is closed.
  --no-change       with --waves: plant no wave-to-wave change`;
