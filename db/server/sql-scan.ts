// SQL text scanning for the local libSQL server. Owns the tokenizer and the two
// questions the server must answer without a full parser:
//  - where does one statement end? (split like sqlite3_complete(): `;` ends a
//    statement except inside strings/comments/quoted names and inside a
//    CREATE TRIGGER body, which only ends at `END;`)
//  - what kind of statement is it? (libsql-server reports affected_row_count
//    only for INSERT/UPDATE/DELETE and last_insert_rowid only for INSERT, so we
//    must classify — sqlite3_changes() is stale after any other statement.)
// It also lists bind parameters in SQLite's numbering and naming, for
// `describe` and for placing named arguments, because the engine's JS API does
// not expose sqlite3_bind_parameter_name().

export type TokenKind = "word" | "param" | "semi" | "lparen" | "rparen" | "other";

export interface Token {
  kind: TokenKind;
  /** Raw text; for words also used upper-cased as a keyword. */
  text: string;
  start: number;
  end: number;
}

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
}

function isIdChar(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57) || c === 36; // digits and `$`
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** Index just past a quoted run starting at `i` whose closing quote is `close`
 * (a doubled closing quote is an escape, as in SQL). Unterminated runs to EOF. */
function skipQuoted(sql: string, i: number, close: string): number {
  let j = i + 1;
  for (;;) {
    const k = sql.indexOf(close, j);
    if (k < 0) return sql.length;
    if (close !== "]" && sql[k + 1] === close) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** Tokenize SQL text; whitespace and comments are dropped. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    out.push({ kind, text: sql.slice(start, end), start, end });
  };
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const k = sql.indexOf("\n", i);
      i = k < 0 ? n : k + 1;
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const k = sql.indexOf("*/", i + 2);
      i = k < 0 ? n : k + 2;
    } else if (c === 39 /* ' */) {
      const end = skipQuoted(sql, i, "'");
      push("other", i, end);
      i = end;
    } else if (c === 34 /* " */ || c === 96 /* ` */) {
      const end = skipQuoted(sql, i, sql[i]!);
      push("other", i, end);
      i = end;
    } else if (c === 91 /* [ */) {
      const end = skipQuoted(sql, i, "]");
      push("other", i, end);
      i = end;
    } else if (c === 59 /* ; */) {
      push("semi", i, i + 1);
      i++;
    } else if (c === 40 /* ( */) {
      push("lparen", i, i + 1);
      i++;
    } else if (c === 41 /* ) */) {
      push("rparen", i, i + 1);
      i++;
    } else if (c === 63 /* ? */) {
      let j = i + 1;
      while (j < n && isDigit(sql.charCodeAt(j))) j++;
      push("param", i, j);
      i = j;
    } else if (c === 58 /* : */ || c === 64 /* @ */ || c === 36 /* $ */ || c === 35 /* # */) {
      // Named parameter, scanned exactly like SQLite's tokenizer (including
      // the Tcl-style `::` and `(...)` suffixes); without a name it is not one.
      let j = i + 1;
      let nameChars = 0;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if (isIdChar(d)) {
          nameChars++;
          j++;
        } else if (d === 40 /* ( */ && nameChars > 0) {
          j++;
          while (j < n && !isSpace(sql.charCodeAt(j)) && sql[j] !== ")") j++;
          if (sql[j] === ")") j++;
          break;
        } else if (d === 58 && sql.charCodeAt(j + 1) === 58) {
          j += 2;
        } else {
          break;
        }
      }
      if (nameChars > 0) {
        push("param", i, j);
        i = j;
      } else {
        push("other", i, i + 1);
        i++;
      }
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(sql.charCodeAt(j))) j++;
      // x'0A0B' blob literal: keep it one token so the word is not a keyword.
      if (j === i + 1 && (c === 88 || c === 120) && sql[j] === "'") {
        const end = skipQuoted(sql, j, "'");
        push("other", i, end);
        i = end;
      } else {
        push("word", i, j);
        i = j;
      }
    } else if (isDigit(c) || (c === 46 /* . */ && isDigit(sql.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if (isIdChar(d) || d === 46) {
          j++;
        } else if ((d === 43 || d === 45) && (sql[j - 1] === "e" || sql[j - 1] === "E")) {
          j++; // exponent sign: 1e+5
        } else {
          break;
        }
      }
      push("other", i, j);
      i = j;
    } else {
      push("other", i, i + 1);
      i++;
    }
  }
  return out;
}

function kw(t: Token | undefined): string {
  return t !== undefined && t.kind === "word" ? t.text.toUpperCase() : "";
}

/** Index of the first token after an optional EXPLAIN [QUERY PLAN] prefix. */
function afterExplain(tokens: Token[]): number {
  if (kw(tokens[0]) !== "EXPLAIN") return 0;
  if (kw(tokens[1]) === "QUERY" && kw(tokens[2]) === "PLAN") return 3;
  return 1;
}

function startsTrigger(tokens: Token[]): boolean {
  let i = afterExplain(tokens);
  if (kw(tokens[i]) !== "CREATE") return false;
  i++;
  if (kw(tokens[i]) === "TEMP" || kw(tokens[i]) === "TEMPORARY") i++;
  return kw(tokens[i]) === "TRIGGER";
}

export interface SplitStatement {
  /** Statement text from its first token up to (excluding) its terminating `;`. */
  sql: string;
  tokens: Token[];
}

/** Split a script into statements; empty statements (`;;`, comments) are dropped. */
export function splitStatements(sql: string): SplitStatement[] {
  const all = tokenize(sql);
  const out: SplitStatement[] = [];
  let cur: Token[] = [];
  let inTrigger = false;
  const flush = () => {
    if (cur.length > 0) {
      out.push({ sql: sql.slice(cur[0]!.start, cur[cur.length - 1]!.end), tokens: cur });
    }
    cur = [];
    inTrigger = false;
  };
  for (const t of all) {
    if (t.kind === "semi") {
      // Inside CREATE TRIGGER ... BEGIN ... END the body's own `;` do not end
      // the statement; only `END;` does (same rule as sqlite3_complete()).
      if (inTrigger && kw(cur[cur.length - 1]) !== "END") {
        cur.push(t);
        continue;
      }
      flush();
      continue;
    }
    cur.push(t);
    if (cur.length <= 5 && !inTrigger) inTrigger = startsTrigger(cur);
  }
  flush();
  return out;
}

export interface StmtInfo {
  isExplain: boolean;
  /** INSERT or REPLACE (possibly behind a WITH clause): report last_insert_rowid. */
  isInsert: boolean;
  /** INSERT/REPLACE/UPDATE/DELETE: report sqlite3_changes(). */
  isIud: boolean;
  /** BEGIN/COMMIT/END/ROLLBACK/SAVEPOINT/RELEASE (sqlite3_stmt_readonly() is true for these). */
  isTxnControl: boolean;
  /** PRAGMA / ATTACH / DETACH / CREATE TEMP …: changes per-connection state, so a
   * pooled connection that ran it must not be handed to another stream. */
  changesSession: boolean;
  /** May need the database write lock. Deliberately over-approximated: only
   * statements that provably never write (SELECT/VALUES, EXPLAIN, BEGIN
   * [DEFERRED], COMMIT/ROLLBACK/SAVEPOINT/RELEASE, ATTACH/DETACH) are false. */
  mayWrite: boolean;
  /** Bind parameters by 1-based index (index 0 unused): name, or null for `?`. */
  params: (string | null)[];
}

const MAIN_VERBS = new Set(["SELECT", "VALUES", "INSERT", "REPLACE", "UPDATE", "DELETE"]);
const TXN_VERBS = new Set(["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]);
const NEVER_WRITE_VERBS = new Set(["SELECT", "VALUES", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ATTACH", "DETACH"]);

/** Classify one statement (tokens as produced by splitStatements). */
export function analyzeStatement(tokens: Token[]): StmtInfo {
  const start = afterExplain(tokens);
  const isExplain = start > 0;
  let verb = kw(tokens[start]);
  if (verb === "WITH") {
    // The statement kind is the first top-level verb after the CTE list.
    let depth = 0;
    verb = "";
    for (let i = start + 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === "lparen") depth++;
      else if (t.kind === "rparen") depth--;
      else if (depth === 0 && MAIN_VERBS.has(kw(t))) {
        verb = kw(t);
        break;
      }
    }
  }
  const isInsert = !isExplain && (verb === "INSERT" || verb === "REPLACE");
  const isIud = isInsert || (!isExplain && (verb === "UPDATE" || verb === "DELETE"));
  const next = kw(tokens[start + 1]);
  const changesSession =
    verb === "PRAGMA" ||
    verb === "ATTACH" ||
    verb === "DETACH" ||
    (verb === "CREATE" && (next === "TEMP" || next === "TEMPORARY"));
  const mayWrite =
    !isExplain && (verb === "BEGIN" ? next === "IMMEDIATE" || next === "EXCLUSIVE" : !NEVER_WRITE_VERBS.has(verb));
  return {
    isExplain,
    isInsert,
    isIud,
    isTxnControl: !isExplain && TXN_VERBS.has(verb),
    changesSession,
    mayWrite,
    params: listParams(tokens),
  };
}

/** SQLite's parameter numbering: `?` takes max+1, `?NNN` takes NNN, a named
 * parameter takes max+1 on first use and reuses that index afterwards. A
 * slot's name (sqlite3_bind_parameter_name) is the first one it was given;
 * a nameless slot (`?`, or skipped over by `?NNN`) is null. */
function listParams(tokens: Token[]): (string | null)[] {
  const names: (string | null)[] = [null];
  const named = new Map<string, number>();
  let max = 0;
  for (const t of tokens) {
    if (t.kind !== "param") continue;
    if (t.text === "?") {
      max++;
      names[max] = null;
    } else if (t.text.startsWith("?")) {
      const idx = Number(t.text.slice(1));
      if (!Number.isSafeInteger(idx) || idx < 1 || idx > 32766) continue;
      for (let k = max + 1; k < idx; k++) names[k] = null;
      if (idx > max) max = idx;
      // A slot keeps the first name it gets (sqlite3ExprAssignVarNumber adds
      // `?NNN` to the statement's names only when slot NNN has none yet), so
      // in `:b, :a, ?1` slot 1 stays `:b` and `?1` binds what `:b` binds.
      names[idx] ??= t.text;
    } else if (!named.has(t.text)) {
      max++;
      named.set(t.text, max);
      names[max] = t.text;
    }
  }
  for (let k = 1; k <= max; k++) if (names[k] === undefined) names[k] = null;
  return names;
}
