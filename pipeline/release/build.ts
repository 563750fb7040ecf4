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
import { groupKey, type Dims } from './keys.js';
import type { SuppressionRule } from '../disclose.js';
import { applier, type Apply } from './apply.js';
import { releaseCells } from '../org-breakdowns.js';

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
  apply: Map<string, Apply>;
}

interface Filter {
  /** Which organizations: a predicate, or one organization (its respondents only, without visiting the others). */
  orgs: ((o: OrgAggregate) => boolean) | OrgAggregate;
  /** Organizer only, and poc 0/1, when set. */
  organizer?: boolean;
  poc?: 0 | 1;
}

/** Each var's column: a value is valid when it is not NaN (scores), not 0 (items), or always (respondents). */
type Column = { kind: 'all' } | { kind: 'score'; col: Float64Array } | { kind: 'item'; col: Uint8Array };

function columns(sw: ScoredWave): Map<string, Column> {
  const out = new Map<string, Column>();
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
  const cells: Cell[] = [];
  const apply = new Map<string, Apply>();
  const act = applier(results);
  const logged = new Map(results.disclosure.suppressed.map((s) => [s.id, s.rule as SuppressionRule]));

  const members = (v: string, f: Filter): Int32Array => {
    const column = cols.get(v)!;
    const pick = f.orgs;
    const orgs = typeof pick === 'function' ? sw.orgs.filter(pick) : [pick];
    let size = 0;
    for (const o of orgs) size += o.rec.respondents;
    const out = new Int32Array(size);
    let c = 0;
    for (const o of orgs) {
      const end = o.rec.start + o.rec.respondents;
      if (f.organizer === undefined && f.poc === undefined) c = fillOrg(column, o.rec.start, end, out, c);
      else if (column.kind === 'score') c = fillScoreWhere(column.col, sw.data.role, sw.data.poc, f.organizer ? ORGANIZER : -1, f.poc ?? -2, o.rec.start, end, out, c);
      else {
        for (let i = o.rec.start; i < end; i++) {
          if (f.organizer && sw.data.role[i] !== ORGANIZER) continue;
          if (f.poc !== undefined && sw.data.poc[i] !== f.poc) continue;
          if (column.kind === 'all' || column.col[i] > 0) out[c++] = i;
        }
      }
    }
    // A view, not a copy: the buffer is about one organization's size for organization cells.
    return out.subarray(0, c);
  };
  /** The key, with org=C added when every member comes from one organization: then it is an organization-level number. */
  const keyOf = (v: string, dims: Dims, m: Int32Array | null): string => {
    if (m && m.length > 0 && dims.org === undefined) {
      const first = sw.data.org[m[0]];
      if (sw.data.org[m[m.length - 1]] === first) return groupKey(wave, v, { ...dims, org: sw.orgs[first].rec.code });
    }
    return groupKey(wave, v, dims);
  };
  const add = (c: Omit<Cell, 'key'> & { dims: Dims }, how: Apply, logId?: string) => {
    const { dims, ...rest } = c;
    const cell: Cell = { ...rest, key: keyOf(c.var, dims, c.members) };
    if (!cell.published && logId) cell.preRule = logged.get(logId) ?? 'primary';
    cells.push(cell);
    apply.set(cell.id, how);
  };

  // Organization summaries: everything an organization report shows.
  const aggByCode = new Map(sw.orgs.map((o) => [o.rec.code, o]));
  for (const s of results.organizations) {
    const o = aggByCode.get(s.code);
    // Organizations under k are named nowhere outside results.json; a higher k on the same data keeps them under k.
    if (!o || !s.reportable) continue;
    const only = o;
    const org = { org: s.code };
    add({ id: `org/${s.code}/respondents`, var: 'respondents', table: 'org:respondents', members: members('respondents', { orgs: only }), n: o.rec.respondents, published: s.reportable, values: 2, fixed: true, dims: org }, act.orgRespondents(s.code));
    add({ id: `export/respondents[${s.code}]`, var: 'export:respondents', table: 'export:respondents', members: null, n: o.rec.respondents, published: s.reportable, values: 1, dims: org }, act.exportRows(s.code));
    add({ id: `org/${s.code}/orientation`, var: 'orientation_index', table: 'org:orientation_index', members: members('orientation_index', { orgs: only }), n: o.indexN, published: s.orientation_index !== null, values: 5, dims: org }, act.orgOrientation(s.code));
    for (const sc of SCORED_SCALES) {
      const name = sc.scoreName;
      // The organizing and mobilizing means count only respondents with both (an orientation index), as aggregate.ts does.
      const column = sc.id === 'org' || sc.id === 'mob' ? 'orientation_index' : name;
      add({ id: `org/${s.code}/${name}`, var: name, table: `org:${name}`, members: members(column, { orgs: only }), n: o.scaleN[name], published: s.scales[name] != null, values: 1, dims: org }, act.orgScale(s.code, name));
    }
    for (const b of BRIDGE_ITEMS) {
      const m = members(b, { orgs: only });
      add({ id: `org/${s.code}/bridge.${b}`, var: b, table: `org:${b}`, members: m, n: m.length, published: s.bridge[b]?.mean != null, values: 6, dims: org }, act.orgBridge(s.code, b));
    }
  }

  // The organization reports' comparisons and within-organization breakdowns (org-breakdowns.ts).
  for (const c of releaseCells(sw, results)) add(c.cell, c.apply);

  // Estimates: breakdowns with their members, the rest by their count.
  const typed = (types: OrientationType[]) => (o: OrgAggregate) => o.type !== null && types.includes(o.type);
  const sections = [['measurement', results.measurement], ['confirmatory', results.confirmatory], ['exploratory', results.exploratory]] as const;
  for (const [section, list] of sections) {
    for (const e of list) {
      const id = `${section}/${e.id}`;
      const def = breakdown(e.id);
      if (def) {
        const m = members(def.var, { orgs: typed(CONTRAST), organizer: def.organizer, poc: def.poc });
        add({ id, var: def.var, table: `estimate:${e.id}`, members: m, n: m.length, published: !e.suppressed && m.length > 0, values: 5, dims: { ...def.dims, type: CONTRAST }, contrast: { id: e.id, role: 'whole' } }, act.estimate(section, e.id));
        const groups = Array.isArray(e.details?.groups) ? (e.details.groups as Results['series']['outcome_by_type_race'][number]['groups']) : null;
        for (const t of def.types) {
          const g = groups?.find((x) => x.group === t);
          const gm = members(def.var, { orgs: typed([t]), organizer: def.organizer, poc: def.poc });
          add({ id: `${id}[${t}]`, var: def.var, table: `${id}.groups`, members: gm, n: gm.length, published: !!g && !g.suppressed && gm.length > 0, values: 4, dims: { ...def.dims, type: t }, ...(CONTRAST.includes(t) ? { contrast: { id: e.id, role: 'part' as const } } : {}) }, act.group(section, e.id, t), `${e.id}.groups[${t}]`);
        }
      } else if (e.id !== 'H2.sep_rate_ratio') {
        // H2 rests on profile headcounts, not on staff answers. An estimate over organizations
        // (H4: n counts them) rests on the respondents behind them; its n may be withheld
        // while its value is published, and the value still needs the release checks.
        const behind = typeof e.details?.respondents === 'number' ? e.details.respondents : e.n;
        if (behind !== null && behind > 0) add({ id, var: `estimate:${e.id}`, table: `estimate:${e.id}`, members: null, n: behind, published: !e.suppressed, values: 5, dims: {} }, act.estimate(section, e.id));
      }
    }
  }

  // The outcome series: organizers by type × race.
  for (const s of results.series.outcome_by_type_race) {
    for (const t of TYPES) {
      for (const [poc, race] of [[1, 'poc'], [0, 'white']] as const) {
        const label = `${t} · ${race}`;
        const g = s.groups.find((x) => x.group === label);
        const m = members(s.outcome, { orgs: typed([t]), organizer: true, poc });
        const id = `series/outcome_by_type_race.${s.outcome}[${label}]`;
        add({ id, var: s.outcome, table: `series/outcome_by_type_race.${s.outcome}`, members: m, n: m.length, published: !!g && !g.suppressed && m.length > 0, values: 4, dims: { type: t, role: 'organizer', poc: String(poc) } }, act.seriesGroup(s.outcome, label), `series.outcome_by_type_race.${s.outcome}[${label}]`);
      }
    }
  }

  // Missing-data counts, by their count.
  const miss = results.missing;
  const counts: [string, number | null, Apply][] = [
    ['race_missing', miss.race_missing, act.missing('race_missing')],
    ['race_declined', miss.race_declined, act.missing('race_declined')],
    ...Object.entries(miss.scale_missing).map(([name, n]) => [`scale_missing.${name}`, n, act.missingScale(name)] as [string, number | null, Apply]),
  ];
  for (const [name, n, how] of counts) {
    if (n === null || n === 0) continue;
    add({ id: `missing/${name}`, var: `missing:${name}`, table: `missing:${name}`, members: null, n, published: n >= k, values: 1, dims: {} }, how);
  }

  // Cells registered by other steps (trends), over the respondents of the organizations they name.
  for (const x of extra) {
    const m = members(x.column ?? x.var, { orgs: (o) => x.orgs.has(o.rec.code) });
    add({ id: x.id, var: x.var, table: x.table, members: m, n: m.length, published: x.published && m.length > 0, values: x.values, dims: x.dims }, x.apply);
  }
  return { cells, apply };
}

/**
 * An organization's valid respondents into `out` from `c`; returns the new end. One
 * monomorphic loop per column type: a loop fed both Float64Array and Uint8Array reads each
 * element several times slower, and this runs over every respondent once per variable.
 */
function fillOrg(column: Column, start: number, end: number, out: Int32Array, c: number): number {
  if (column.kind === 'all') {
    for (let i = start; i < end; i++) out[c++] = i;
    return c;
  }
  return column.kind === 'score' ? fillScore(column.col, start, end, out, c) : fillItem(column.col, start, end, out, c);
}

function fillScore(col: Float64Array, start: number, end: number, out: Int32Array, c: number): number {
  for (let i = start; i < end; i++) if (col[i] === col[i]) out[c++] = i;
  return c;
}

function fillItem(col: Uint8Array, start: number, end: number, out: Int32Array, c: number): number {
  for (let i = start; i < end; i++) if (col[i] > 0) out[c++] = i;
  return c;
}

/** Scores of respondents of one role (−1: any) and poc value (−2: any). */
function fillScoreWhere(col: Float64Array, role: Uint8Array, poc: Int8Array, wantRole: number, wantPoc: number, start: number, end: number, out: Int32Array, c: number): number {
  for (let i = start; i < end; i++) {
    if (wantRole >= 0 && role[i] !== wantRole) continue;
    if (wantPoc > -2 && poc[i] !== wantPoc) continue;
    if (col[i] === col[i]) out[c++] = i;
  }
  return c;
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
