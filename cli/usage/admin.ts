// `rootwork admin --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork admin <subcommand> [options]

Tokens
  create-token --label NAME            print a new admin token (shown once; only its hash is kept)
  revoke-token ID|LABEL                revoke a token: its API calls and page sessions stop working
  list-tokens                          id, label, created, revoked
Studies and waves
  create-study --name NAME [--description TEXT] [--time-zone ZONE]   prints the study id;
                                       ZONE is an IANA name (America/Los_Angeles); waves open and
                                       close at midnight there (default ROOTWORK_TIME_ZONE, else UTC)
  set-time-zone --study S --time-zone ZONE   change a study's time zone (days already stored stay)
  list-studies                         id, name, time zone, created
  create-wave --study S --name NAME [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--k K]
  open-wave --wave W [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--k K]   k is fixed on opening
  close-wave --wave W [--on YYYY-MM-DD]
  raise-k --wave W --k K               k can be raised, never lowered
  list-waves [--study S]
Organizations
  add-org --study S --name NAME [--contact C] [--size-band B] [--region R] [--budget-band B]
  import-orgs --study S FILE.csv       columns name, contact, size_band, region, budget_band; all rows or none
  list-orgs --study S
Links and participation
  invites --wave W --org CODE --count N [--revoke-unused] [--out FILE.csv] [--base-url URL]
                                       the CSV of single-use survey links, shown once (stdout or --out)
  open-link --wave W --org CODE [--off] [--base-url URL]
  profile-link --wave W --org CODE [--base-url URL]
  participation --wave W [--json]      responses vs headcount, invites used, profile status
  import-profiles --wave W FILE.csv    org_code + profile columns; all rows or none

S and W are an id or a name. Links use --base-url, else ROOTWORK_BASE_URL, else http://localhost:PORT.`;
