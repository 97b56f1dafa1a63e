// CSV as RFC 4180 writes it (comma-separated, CRLF line ends, fields with a comma, quote or line break quoted
// with quotes doubled), with one addition for files opened in a spreadsheet: a text cell that starts with a
// character a spreadsheet reads as a formula (= + - @, or a tab or carriage return) is prefixed with ', so a
// learner who names themselves "=HYPERLINK(...)" cannot run a formula on the instructor's machine.

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell. Numbers are written as they are (a negative number is data, not a formula); null is empty. */
export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the header row always, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`a CSV row has ${row.length} cells but the header has ${header.length}`);
  }
  return [header.map(csvCell), ...rows.map((row) => row.map(csvCell))].map((cells) => `${cells.join(",")}\r\n`).join("");
}
