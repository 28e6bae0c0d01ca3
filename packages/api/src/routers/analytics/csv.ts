// CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and text cells that a spreadsheet
// would run as a formula (=, +, -, @ …) prefixed with an apostrophe.
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

function cell(v: string | number | boolean | Date | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v instanceof Date ? v.toISOString() : v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(rows: T[], columns: Column<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
