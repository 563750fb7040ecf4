// Builds the cell index of a run from the scored wave (respondent level) and the disclosed
// results: one cell per published place — organization summaries (orientation, scales,
// bridge items, respondents), estimates' group breakdowns and their totals, the outcome
// series, other estimates and missing-data counts by their count, and each organization's
// rows in the respondent export. Each cell comes with how to withhold it in the results.
import type { OrientationType, Results } from '../results.js';
import type { ScoredWave, OrgAggregate } from '../aggregate.js';
import { BRIDGE_ITEMS } from '../aggregate.js';
import { SCORED_SCALES } from '../score.js';
import { ORGANIZER } from '../analyze/select.js';
import type { Cell, Withholding } from './cells.js';
import { ColumnSet, type ValidColumn } from './members.js';
import { DescribedCell, ListedCell, type Described, type Make } from './built-cells.js';
import { groupKey, type Dims } from './keys.js';
import type { SuppressionRule } from '../disclose.js';
import { applier, type Apply } from './apply.js';
import { releaseCells, type ReportCell } from '../org-release-cells.js';

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];
const CONTRAST: OrientationType[] = ['mobilizing', 'organizing'];

/**
 * A cell another part of the pipeline registers (e.g. trends' study-wide means): the
 * respondents of the listed organizations with a valid value of `var`, checked like any
 * other published number; `apply` withholds it in the results.
 */
export interface ExtraCell {
  id: string;
  var: string;
  /** The variable whose valid values decide who is in the group, when not `var` (e.g. `orientation_index`). */
  column?: string;
  table: string;
  orgs: ReadonlySet<string>;
  published: boolean;
  values: number;
  dims: Dims;
  apply: Apply;
}

export interface CellIndex {
  cells: Cell[];
  /** How to withhold one of `cells` in the results. */
  apply: (c: Cell) => Apply;
}

interface Filter {
  /** Which organizations: a predicate, or one organization (its respondents only, without visiting the others). */
  orgs: ((o: OrgAggregate) => boolean) | OrgAggregate;
  /** Organizer only, and poc 0/1, when set. */
  organizer?: boolean;
  poc?: 0 | 1;
}

function columns(sw: ScoredWave): Map<string, ValidColumn> {
  const out = new Map<string, ValidColumn>();
  out.set('respondents', { kind: 'all' });
  out.set('orientation_index', { kind: 'score', col: sw.index });
  for (const s of SCORED_SCALES) out.set(s.scoreName, { kind: 'score', col: sw.scores[s.id] });
  for (const b of BRIDGE_ITEMS) out.set(b, { kind: 'item', col: sw.data.items[b] });
  return out;
}

export function buildCells(sw: ScoredWave, results: Results, extra: readonly ExtraCell[] = []): CellIndex {
  const wave = results.study.wave_id;
  const k = sw.k;
  const cols = columns(sw);
  const who = { role: sw.data.role, poc: sw.data.poc };
  const cells: Cell[] = [];
  const act = applier(results);
  const logged = new Map(results.disclosure.suppressed.map((s) => [s.id, s.rule as SuppressionRule]));
  // Tables' names repeat for every organization: one string each.
  const names = new Map<string, string>();
  const name = (s: string) => {
    const had = names.get(s);
    if (had !== undefined) return had;
    names.set(s, s);
    return s;
  };

  /** The ranges of respondents of some organizations (ascending, adjacent ones merged). */
  const rangesOf = (orgs: readonly OrgAggregate[]): Int32Array => {
    const out: number[] = [];
    for (const o of orgs) {
      if (o.rec.respondents === 0) continue;
      const start = o.rec.start;
      const end = start + o.rec.respondents;
      if (out.length && out[out.length - 1] === start) out[out.length - 1] = end;
      else out.push(start, end);
    }
    return Int32Array.from(out);
  };
  const members = (v: string, f: Filter, ranges?: Int32Array): ColumnSet => {
    const column = cols.get(v)!;
    const pick = f.orgs;
    const r = ranges ?? rangesOf(typeof pick === 'function' ? sw.orgs.filter(pick) : [pick]);
    return new ColumnSet(column, r, who, f.organizer ? ORGANIZER : -1, f.poc ?? -2);
  };
  /** The key, with org=C added when every member comes from one organization: then it is an organization-level number. */
  const keyOf = (v: string, dims: Dims, first: number, last: number): string => {
    if (first >= 0 && dims.org === undefined) {
      const org = sw.data.org[first];
      if (sw.data.org[last] === org) {
        // An organization has one type: a contrast's type set (mobilizing|organizing) narrows
        // to it, so the key nests in that type's groups of any release, as its members do.
        const one = sw.orgs[org];
        return groupKey(wave, v, { ...dims, ...(dims.type !== undefined && one.type !== null ? { type: one.type } : {}), org: one.rec.code });
      }
    }
    return plainKey(v, dims) ?? groupKey(wave, v, dims);
  };
  // Most keys are one organization's (every dimension one value, e.g. org=C;role=organizer):
  // groupKey's form for them, joined directly, each var, dimension and value checked by
  // groupKey the first time it is seen.
  const checkedVars = new Set<string>();
  const checkedValues = new Map<string, Set<string>>();
  const plainKey = (v: string, dims: Dims): string | null => {
    if (v.startsWith('export:')) return null;
    const names = Object.keys(dims);
    let seen = checkedVars.has(v);
    for (const n of names) {
      const value = dims[n];
      if (typeof value !== 'string') return null;
      if (seen && !checkedValues.get(n)?.has(value)) seen = false;
    }
    if (!seen) {
      const key = groupKey(wave, v, dims);
      checkedVars.add(v);
      for (const n of names) {
        let values = checkedValues.get(n);
        if (!values) checkedValues.set(n, (values = new Set()));
        values.add(dims[n] as string);
      }
      return key;
    }
    if (names.length > 1) names.sort();
    // Joined, not concatenated: one flat string rather than a chain of pieces.
    const parts = ['wave=', wave, ';var=', v];
    for (const n of names) parts.push(';', n, '=', dims[n] as string);
    return parts.join('');
  };
  const add = (c: Described, how: Apply | null, logId?: string, make?: Make, code?: string) => {
    const cell = new DescribedCell(c, keyOf(c.var, c.dims, c.set.first, c.set.last), how, make, code);
    if (!cell.published && logId) cell.preRule = logged.get(logId) ?? 'primary';
    cells.push(cell);
  };
  /** A cell listed by another module (or known only by its count). */
  const addListed = (c: Omit<Cell, 'key'> & { dims: Dims }, how: Apply) => {
    const m = c.members;
    cells.push(new ListedCell(c, m && m.length ? keyOf(c.var, c.dims, m[0], m[m.length - 1]) : groupKey(wave, c.var, c.dims), how));
  };

  // Organization summaries: everything an organization report shows.
  const orgRespondents: Make = (code) => act.orgRespondents(code);
  const orgOrientation: Make = (code) => act.orgOrientation(code);
  const orgBridge: Make = (code, tail) => act.orgBridge(code, tail.slice('bridge.'.length));
  const aggByCode = new Map(sw.orgs.map((o) => [o.rec.code, o]));
  for (const s of results.organizations) {
    const o = aggByCode.get(s.code);
    // Organizations under k are named nowhere outside results.json; a higher k on the same data keeps them under k.
    if (!o || !s.reportable) continue;
    const only = o;
    const org = { org: s.code };
    const head = `org/${s.code}/`;
    const range = rangesOf([o]);
    // One set per column: the organizing and mobilizing means rest on the orientation index's respondents.
    const sets = new Map<string, ColumnSet>();
    const set = (v: string) => {
      let x = sets.get(v);
      if (!x) sets.set(v, (x = members(v, { orgs: only }, range)));
      return x;
    };
    add({ id: head, tail: 'respondents', var: 'respondents', table: 'org:respondents', set: set('respondents'), n: o.rec.respondents, published: s.reportable, values: 2, fixed: true, dims: org }, null, undefined, orgRespondents, s.code);
    addListed({ id: `export/respondents[${s.code}]`, var: 'export:respondents', table: 'export:respondents', members: null, n: o.rec.respondents, published: s.reportable, values: 1, dims: org }, act.exportRows(s.code));
    add({ id: head, tail: 'orientation', var: 'orientation_index', table: 'org:orientation_index', set: set('orientation_index'), n: o.indexN, published: s.orientation_index !== null, values: 5, dims: org }, null, undefined, orgOrientation, s.code);
    for (const sc of SCORED_SCALES) {
      const scale = sc.scoreName;
      // The organizing and mobilizing means count only respondents with both (an orientation index), as aggregate.ts does.
      const column = sc.id === 'org' || sc.id === 'mob' ? 'orientation_index' : scale;
      add({ id: head, tail: scale, var: scale, table: name(`org:${scale}`), set: set(column), n: o.scaleN[scale], published: s.scales[scale] != null, values: 1, dims: org }, null, undefined, act.orgScale, s.code);
    }
    for (const b of BRIDGE_ITEMS) {
      const m = set(b);
      add({ id: head, tail: name(`bridge.${b}`), var: b, table: name(`org:${b}`), set: m, n: m.count(), published: s.bridge[b]?.mean != null, values: 6, dims: org }, null, undefined, orgBridge, s.code);
    }
  }

  // The organization reports' comparisons and within-organization breakdowns (org-release-cells.ts):
  // cells already, given their keys here.
  for (const c of releaseCells(sw, results)) {
    const m = c.members;
    c.key = m && m.length ? keyOf(c.var, c.dims, m[0], m[m.length - 1]) : groupKey(wave, c.var, c.dims);
    cells.push(c);
  }

  // Estimates: breakdowns with their members, the rest by their count.
  const typedRanges = new Map<string, Int32Array>();
  const typed = (types: OrientationType[]) => {
    const name = types.join('|');
    let r = typedRanges.get(name);
    if (!r) typedRanges.set(name, (r = rangesOf(sw.orgs.filter((o) => o.type !== null && types.includes(o.type)))));
    return r;
  };
  const sections = [['measurement', results.measurement], ['confirmatory', results.confirmatory], ['exploratory', results.exploratory]] as const;
  for (const [section, list] of sections) {
    for (const e of list) {
      const id = `${section}/${e.id}`;
      const def = breakdown(e.id);
      if (def) {
        const filter = { orgs: () => true, organizer: def.organizer, poc: def.poc };
        const m = members(def.var, filter, typed(CONTRAST));
        const n = m.count();
        add({ id, var: def.var, table: `estimate:${e.id}`, set: m, n, published: !e.suppressed && n > 0, values: 5, dims: { ...def.dims, type: CONTRAST }, contrast: { id: e.id, role: 'whole' } }, act.estimate(section, e.id));
        const groups = Array.isArray(e.details?.groups) ? (e.details.groups as Results['series']['outcome_by_type_race'][number]['groups']) : null;
        for (const t of def.types) {
          const g = groups?.find((x) => x.group === t);
          const gm = members(def.var, filter, typed([t]));
          const gn = gm.count();
          add({ id: `${id}[${t}]`, var: def.var, table: `${id}.groups`, set: gm, n: gn, published: !!g && !g.suppressed && gn > 0, values: 4, dims: { ...def.dims, type: t }, ...(CONTRAST.includes(t) ? { contrast: { id: e.id, role: 'part' as const } } : {}) }, act.group(section, e.id, t), `${e.id}.groups[${t}]`);
        }
      } else if (e.id !== 'H2.sep_rate_ratio') {
        // H2 rests on profile headcounts, not on staff answers. An estimate over organizations
        // (H4: n counts them) rests on the respondents behind them; its n may be withheld
        // while its value is published, and the value still needs the release checks.
        const behind = typeof e.details?.respondents === 'number' ? e.details.respondents : e.n;
        if (behind !== null && behind > 0) addListed({ id, var: `estimate:${e.id}`, table: `estimate:${e.id}`, members: null, n: behind, published: !e.suppressed, values: 5, dims: {} }, act.estimate(section, e.id));
      }
    }
  }

  // The outcome series: organizers by type × race.
  for (const s of results.series.outcome_by_type_race) {
    for (const t of TYPES) {
      for (const [poc, race] of [[1, 'poc'], [0, 'white']] as const) {
        const label = `${t} · ${race}`;
        const g = s.groups.find((x) => x.group === label);
        const m = members(s.outcome, { orgs: () => true, organizer: true, poc }, typed([t]));
        const n = m.count();
        const id = `series/outcome_by_type_race.${s.outcome}[${label}]`;
        add({ id, var: s.outcome, table: `series/outcome_by_type_race.${s.outcome}`, set: m, n, published: !!g && !g.suppressed && n > 0, values: 4, dims: { type: t, role: 'organizer', poc: String(poc) } }, act.seriesGroup(s.outcome, label), `series.outcome_by_type_race.${s.outcome}[${label}]`);
      }
    }
  }

  // Missing-data counts, by their count.
  const miss = results.missing;
  const counts: [string, number | null, Apply][] = [
    ['race_missing', miss.race_missing, act.missing('race_missing')],
    ['race_declined', miss.race_declined, act.missing('race_declined')],
    ...Object.entries(miss.scale_missing).map(([scale, n]) => [`scale_missing.${scale}`, n, act.missingScale(scale)] as [string, number | null, Apply]),
  ];
  for (const [what, n, how] of counts) {
    if (n === null || n === 0) continue;
    addListed({ id: `missing/${what}`, var: `missing:${what}`, table: `missing:${what}`, members: null, n, published: n >= k, values: 1, dims: {} }, how);
  }

  // Cells registered by other steps (trends), over the respondents of the organizations they name.
  for (const x of extra) {
    const m = members(x.column ?? x.var, { orgs: (o) => x.orgs.has(o.rec.code) });
    const n = m.count();
    add({ id: x.id, var: x.var, table: x.table, set: m, n, published: x.published && n > 0, values: x.values, dims: x.dims }, x.apply);
  }
  return { cells, apply: (c) => (c as DescribedCell | ListedCell | ReportCell).apply() };
}

interface Breakdown {
  var: string;
  dims: Dims;
  organizer?: boolean;
  poc?: 0 | 1;
  types: OrientationType[];
}

/** Estimates whose groups are respondents of organizing- and mobilizing-focused organizations. */
function breakdown(id: string): Breakdown | null {
  if (id.startsWith('E.bridge.')) return { var: id.slice('E.bridge.'.length), dims: {}, types: TYPES };
  const outcome = id === 'H1.sat_diff' ? 'satisfaction_score' : id === 'H3.itl_diff' ? 'intent_to_leave_score' : null;
  if (outcome) return { var: outcome, dims: { role: 'organizer', poc: '1' }, organizer: true, poc: 1, types: CONTRAST };
  return null;
}

export type { Withholding };
