// `rootwork import --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork import responses FILE --wave W [--study S] [--map MAPPING.json] [--errors REPORT.csv]

Reads FILE (UTF-8 CSV; comma, semicolon or tab; a byte-order mark and Windows line ends
are fine), checks every row against the codebook, and writes all rows to the wave in
one transaction — or none, if any row has a problem. Columns are codebook variable names
(see codebook.csv), or the banded columns of a Rootwork respondents.csv; org_code holds
the organization's code. Each row gets a random id and today's date; nothing else about
when or how it was collected is kept.
  --wave W           the wave to add the responses to, by id or name (required)
  --study S          the study (id or name) whose wave W is, when several studies have a wave named W
  --map FILE         JSON mapping for another tool's export:
                     {"columns": {"Q1": "role"}, "values": {"role": {"Organiser": "organizer"}},
                      "ignore": ["StartDate"]}
  --errors FILE      where to write every problem found (default: FILE.errors.csv)`;
