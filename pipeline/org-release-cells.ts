// An organization report's own cells as the release pass sees them: each comparison rests
// on the same respondents as the organization's mean (one view, withheld together), each
// breakdown cell on its group, and withholding a breakdown cell withholds its partner too.
// A large study has tens of thousands of them: each is one object that makes its
// withholding function only when the pass withholds it.
import type { ScoredWave } from './aggregate.js';
import { countValid, DRAFTS, orgBreakdowns, type Part } from './org-breakdowns.js';
import { measureColumn } from './org-comparisons.js';
import type { Cell, Withholding } from './release/cells.js';
import type { Dims } from './release/keys.js';
import type { OrgBreakdown, OrgBreakdownCell, OrgComparison, Results } from './results.js';

/**
 * One of an organization report's cells as the release pass sees it (a Cell once the pass
 * gives it its key). A large study has tens of thousands: each is one object, and makes its
 * withholding function only when the pass withholds it.
 */
export abstract class ReportCell implements Omit<Cell, 'key'> {
  key = '';
  abstract readonly id: string;
  abstract readonly var: string;
  abstract readonly table: string;
  abstract readonly members: Int32Array | null;
  abstract readonly n: number;
  abstract readonly published: boolean;
  abstract readonly values: number;
  abstract readonly dims: Dims;
  abstract apply(): (w: Withholding) => void;
}

/** A comparison: the same respondents as the organization's own mean (same var, no members listed: one view, one key). */
class ComparisonCell extends ReportCell {
  readonly members = null;
  readonly values = 4;
  readonly var: string;
  readonly table: string;
  readonly published: boolean;
  readonly dims: Dims;
  constructor(
    private readonly code: string,
    measure: string,
    readonly n: number,
    private readonly c: OrgComparison,
  ) {
    super();
    this.var = measure;
    this.table = `org:compare.${measure}`;
    this.published = c.difference !== null;
    this.dims = { org: code };
  }
  get id(): string {
    return `org/${this.code}/compare.${this.var}`;
  }
  apply(): (w: Withholding) => void {
    return (w) => {
      Object.assign(this.c, { mean: null, benchmark: null, difference: null, ci_low: null, ci_high: null, verdict: null, withheld: { rule: w.rule, reason: w.reason } });
    };
  }
}

/** A breakdown cell: withholding it withholds its partner too, or the total would give it back. */
class BreakdownCell extends ReportCell {
  readonly values = 1;
  readonly published: boolean;
  readonly members: Int32Array;
  readonly n: number;
  readonly dims: Dims;
  constructor(
    private readonly code: string,
    private readonly b: OrgBreakdown,
    private readonly cell: OrgBreakdownCell,
    part: Part,
    readonly table: string,
  ) {
    super();
    this.members = part.members;
    this.n = part.members.length;
    this.dims = part.dims;
    this.published = cell.mean !== null;
  }
  get id(): string {
    return `org/${this.code}/breakdown.${this.b.measure}.${this.b.by}.${this.cell.group}`;
  }
  get var(): string {
    return this.b.measure;
  }
  apply(): (w: Withholding) => void {
    return (w) => {
      for (const x of this.b.cells) {
        if (x === this.cell) Object.assign(x, { mean: null, withheld: { rule: w.rule, reason: w.reason } });
        else if (x.mean !== null) Object.assign(x, { mean: null, withheld: { rule: 'complementary', reason: 'withheld with its partner, or the organization total would give the partner back' } });
      }
    };
  }
}

/**
 * The organization report's own cells for the release pass: each comparison rests on the
 * same respondents as the organization's mean (same var and members: one view, withheld
 * together), each breakdown cell on its group. Withholding one breakdown cell withholds
 * its partner too, or the total would give it back.
 */
export function releaseCells(sw: ScoredWave, results: Results): ReportCell[] {
  const out: ReportCell[] = [];
  const aggByCode = new Map(sw.orgs.map((o) => [o.rec.code, o]));
  for (const s of results.organizations) {
    const o = aggByCode.get(s.code);
    if (!o || !s.reportable) continue;
    const code = s.code;
    for (const [measure, c] of Object.entries(s.comparisons ?? {})) {
      out.push(new ComparisonCell(code, measure, countValid(measureColumn(sw, measure), o.rec.start, o.rec.start + o.rec.respondents), c));
    }
    if (!s.breakdowns) continue;
    const drafts = DRAFTS.get(s) ?? orgBreakdowns(sw, o, (measure) => s.scales[measure] != null);
    for (const d of drafts) {
      const b = s.breakdowns.find((x) => x.measure === d.breakdown.measure && x.by === d.breakdown.by);
      if (!b) continue;
      const table = `org:${code}:${b.measure}:${b.by}`;
      d.cells.forEach(({ part }, i) => out.push(new BreakdownCell(code, b, b.cells[i], part, table)));
    }
  }
  return out;
}
