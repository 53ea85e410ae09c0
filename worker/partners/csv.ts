// RFC 4180 CSV, both ways, for partner export and import: quoted fields with
// commas, quotes and line breaks, CRLF or LF line ends, an optional UTF-8 BOM.
// Exported cells that a spreadsheet would run as a formula are defused.

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly record: number,
  ) {
    super(message);
  }
}

/** Records as arrays of fields. Blank lines are skipped; `record` numbers in errors are 1-based. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let record: string[] = [];
  let field = "";
  let atFieldStart = true;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    field = "";
    atFieldStart = true;
  };
  while (i < n) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      // Quoted field: runs to the next quote not doubled.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new CsvSyntaxError(`A quoted field in record ${records.length + 1} is never closed.`, records.length + 1);
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new CsvSyntaxError(`Unexpected text after a closing quote in record ${records.length + 1}.`, records.length + 1);
      }
      atFieldStart = false;
      continue;
    }
    if (c === ",") {
      record.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || field !== "" || record.length > 0) endRecord();
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets a leading single quote. */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `defuseFormula` on import, so an export imports back unchanged. */
export function restoreFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((row) => row.map((v) => quoteField(defuseFormula(v == null ? "" : String(v)))).join(",")).join("\r\n") + "\r\n";
}
