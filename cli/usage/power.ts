// `rootwork power --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork power --orgs N --staff MIN..MAX [--effect F[,F...]] [--sims S] [--seed S] [--k K] [--json] [--svg FILE]

Power of the confirmatory tests H1–H5 for a planned study, by simulation: S studies of N
organizations with MIN..MAX responding staff each are drawn from the synthetic generator
and analysed by the same code as \`rootwork pipeline\`; a test's power is the share of
studies in which it rejects at the 5% level (a study where it cannot be computed counts as
a miss), with a 95% Monte Carlo interval. The same seed gives the same figures.
  --orgs N          organizations to enroll (at least 4)
  --staff MIN..MAX  responding staff per organization, e.g. 5..40 (or one number)
  --effect F        planted effects as a multiple of the funder study's (data/synthetic/params.ts):
                    0 = none (the rates are then type I error), 1 = as in that study (default 1).
                    The output gives the mean Hedges' g of H1 this produces. Several values,
                    e.g. 0,0.5,1,1.5, give a power curve (each value its own S studies).
  --sims S          simulated studies (default 200)
  --seed S          random seed (default 1)
  --k K             the wave's minimum group size (default 5)
  --json            print the figures as JSON instead of a table
  --svg FILE        also draw the headline tests' power against the effect as an SVG chart`;
