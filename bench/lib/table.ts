/** Plain-text table of the rows: figure, goal, measured, ratio, pass/fail (or "not measured: why"). */
import type { Row } from './results';

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) >= 10) return n.toLocaleString('en-US');
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function renderTable(rows: readonly Row[]): string {
  const head = ['case', 'figure', 'goal', 'measured', 'ratio', 'result'];
  const body = rows.map((r) => [
    r.case,
    r.figure,
    r.goal,
    r.measured === undefined ? '—' : `${fmt(r.measured)} ${r.unit}`.trim(),
    r.ratio === undefined ? '—' : `${fmt(r.ratio)}×`,
    r.notMeasured !== undefined ? `not measured: ${r.notMeasured}` : r.pass ? 'pass' : 'FAIL',
  ]);
  // The result column is last and not padded: reasons can be long.
  const widths = head.slice(0, -1).map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i] ?? 0) : c)).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ') + '  ------';
  return [line(head), sep, ...body.map(line)].join('\n');
}
