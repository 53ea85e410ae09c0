// The statement kit: the rows every change writes besides itself (audit,
// timeline event, domain event, outbox mail, in-app notification), built
// plainly or under the change's own guard, as `{ sql, args }` statements that
// go into the change's one write batch. SQL text is only ever assembled here,
// never parsed or rewritten.
//
// A `Guard` names the condition a change holds under: the rows it moves
// (`guardRows("deals", "d", "d.id = ? AND d.status IN (?)", [...])`), or a
// bare condition on what the batch has written so far (`whenExists(...)`,
// `afterChange`). The change's UPDATE (`updateRows`) and every side row built
// with the same guard are written under that one condition, so a refused move
// (a lost race, a state that no longer allows it) writes nothing at all.
// Values are bound (`?`) unless given as `sql(...)`: an SQL expression over the
// guard's rows (`sql("d.status")`) with its own arguments.
import type { InStatement, InValue } from "@libsql/client/web";
import { newId } from "./auth/tokens.ts";
import { type Actor, actorId } from "./context.ts";
import type { EmailIntent } from "./email/templates.ts";

/** An SQL fragment and the arguments of its `?`s, in order. */
export class Sql {
  constructor(
    readonly sql: string,
    readonly args: readonly InValue[] = [],
  ) {}
}

export const sql = (text: string, ...args: InValue[]): Sql => new Sql(text, args);

/** A column's value: bound as an argument, or an SQL expression over the guard's rows. */
export type Value = InValue | Sql;

/** A value as an SQL expression: itself if it is one, else one bound `?`. */
export const asSql = (v: Value): Sql => (v instanceof Sql ? v : new Sql("?", [v]));

/** A JSON column: an object (stored as its JSON text), an SQL expression (`json_object(...)`), or null. */
export type Json = Record<string, unknown> | Sql | null;

export interface Guard {
  /** The rows side rows are selected from (`deals d`, with any joins), or null for a bare condition. */
  readonly from: Sql | null;
  readonly where: Sql;
  /** The one table (and its alias) whose rows the guard selects: what `updateRows` moves. */
  readonly target: { table: string; alias: string } | null;
}

/** The rows of `table` (named `alias` in `where` and in every value) a change moves: one side row per row. */
export function guardRows(table: string, alias: string, where: string, args: readonly InValue[] = []): Guard {
  return { from: sql(`${table} ${alias}`), where: new Sql(where, args), target: { table, alias } };
}

/** A bare condition, e.g. on a row the batch has just written. */
export function guardWhen(condition: string, args: readonly InValue[] = []): Guard {
  return { from: null, where: new Sql(condition, args), target: null };
}

/** Written only if `select` finds a row (typically the change's row as it was written). */
export function whenExists(select: { sql: string; args?: readonly InValue[] }): Guard {
  return guardWhen(`EXISTS (${select.sql})`, select.args ?? []);
}

/**
 * Written only if the statement just before in the batch changed exactly one
 * row. Only the very next statement may use it: `changes()` counts the latest
 * INSERT, UPDATE or DELETE, so a second side row would see the first one's.
 */
export const afterChange: Guard = guardWhen("changes() = 1");

/** Any row source: `from` (tables and joins with their arguments) filtered by `where`. Nothing to update. */
export function guardOver(from: Sql, where: Sql): Guard {
  return { from, where, target: null };
}

/** The same guard with more tables joined to its rows (recipients, names): side rows fan out over the join. */
export function joinedTo(guard: Guard, join: string, args: readonly InValue[] = []): Guard {
  if (!guard.from) throw new Error("joinedTo: a bare condition has no rows to join to");
  return { from: new Sql(`${guard.from.sql} ${join}`, [...guard.from.args, ...args]), where: guard.where, target: null };
}

/** The guard as one boolean expression, for a statement that is not an INSERT ... SELECT over its rows. */
export function conditionOf(guard: Guard): Sql {
  return guard.from ? new Sql(`EXISTS (SELECT 1 FROM ${guard.from.sql} WHERE ${guard.where.sql})`, [...guard.from.args, ...guard.where.args]) : guard.where;
}

function render(values: Record<string, Value>): { columns: string[]; exprs: string[]; args: InValue[] } {
  const columns = Object.keys(values);
  const exprs: string[] = [];
  const args: InValue[] = [];
  for (const column of columns) {
    const v = asSql(values[column]!);
    exprs.push(v.sql);
    args.push(...v.args);
  }
  return { columns, exprs, args };
}

const json = (data: Json): Value => (data instanceof Sql ? data : data ? JSON.stringify(data) : null);

/**
 * One row into `table`: `INSERT ... VALUES` when plain, `INSERT ... SELECT`
 * under `guard` (one row per guarded row, or one row if a bare condition holds).
 */
export function insertRow(
  table: string,
  values: Record<string, Value>,
  guard: Guard | null = null,
  { orIgnore = false, returning }: { orIgnore?: boolean; returning?: string } = {},
): InStatement {
  const { columns, exprs, args } = render(values);
  const head = `INSERT ${orIgnore ? "OR IGNORE " : ""}INTO ${table} (${columns.join(", ")})`;
  const tail = returning ? ` RETURNING ${returning}` : "";
  if (!guard) return { sql: `${head} VALUES (${exprs.join(", ")})${tail}`, args };
  const from = guard.from ? ` FROM ${guard.from.sql}` : "";
  return {
    sql: `${head} SELECT ${exprs.join(", ")}${from} WHERE ${guard.where.sql}${tail}`,
    args: [...args, ...(guard.from?.args ?? []), ...guard.where.args],
  };
}

/** The change itself: an UPDATE of the guard's rows, under the very condition its side rows are written under. */
export function updateRows(guard: Guard, set: Record<string, Value>): InStatement {
  if (!guard.target) throw new Error("updateRows: the guard names no single table to update");
  const { columns, exprs, args } = render(set);
  return {
    sql: `UPDATE ${guard.target.table} AS ${guard.target.alias} SET ${columns.map((c, i) => `${c} = ${exprs[i]}`).join(", ")} WHERE ${guard.where.sql}`,
    args: [...args, ...guard.where.args],
  };
}

/** Rows of `table` matching `where`, deleted only under `guard`. */
export function deleteRows(table: string, where: Sql, guard: Guard | null = null): InStatement {
  if (!guard) return { sql: `DELETE FROM ${table} WHERE ${where.sql}`, args: [...where.args] };
  const condition = conditionOf(guard);
  return { sql: `DELETE FROM ${table} WHERE ${where.sql} AND ${condition.sql}`, args: [...where.args, ...condition.args] };
}

/** Who did it and when: every side row but mail and domain events carries both. */
export interface By {
  actor: Actor;
  now: number;
}

export function auditRow(
  by: By,
  row: {
    action: string;
    target: { type: string; id: Value } | null;
    data?: Json;
    id?: Value;
    /** Who acted, when it is not `by.actor` but someone the batch itself creates (an accepted invitation's member). */
    actor?: { kind: Actor["kind"]; id: Value };
  },
  guard: Guard | null = null,
): InStatement {
  return insertRow(
    "audit_log",
    {
      id: row.id ?? newId(),
      at: by.now,
      actor_kind: row.actor?.kind ?? by.actor.kind,
      actor_id: row.actor ? row.actor.id : actorId(by.actor),
      action: row.action,
      target_type: row.target?.type ?? null,
      target_id: row.target?.id ?? null,
      data: json(row.data ?? null),
    },
    guard,
  );
}

/** Per-object timelines: the table each subject's history lives in and the column naming the subject. */
const TIMELINES = {
  deal: { table: "deal_events", subject: "deal_id" },
} as const;

export type TimelineSubject = keyof typeof TIMELINES;

/** An entry on an object's timeline (`deal_events` for a deal): what happened and the move it made. */
export function timelineEvent(
  by: By,
  event: { subject: { type: TimelineSubject; id: Value }; kind: string; from?: Value; to?: Value; data?: Json; id?: Value },
  guard: Guard | null = null,
): InStatement {
  const timeline = TIMELINES[event.subject.type];
  return insertRow(
    timeline.table,
    {
      id: event.id ?? newId(),
      [timeline.subject]: event.subject.id,
      at: by.now,
      actor_kind: by.actor.kind,
      actor_id: actorId(by.actor),
      kind: event.kind,
      from_status: event.from ?? null,
      to_status: event.to ?? null,
      data: json(event.data ?? null),
    },
    guard,
  );
}

/** A durable fact other modules turn into rollups (`domain_events`), consumed later by the metrics queue. */
export function domainEvent(
  now: number,
  event: { kind: string; partnerOrgId: Value; subject: { type: string; id: Value }; data?: Json; id?: Value },
  guard: Guard | null = null,
): InStatement {
  return insertRow(
    "domain_events",
    {
      id: event.id ?? newId(),
      at: now,
      kind: event.kind,
      partner_org_id: event.partnerOrgId,
      subject_type: event.subject.type,
      subject_id: event.subject.id,
      data: json(event.data ?? null),
    },
    guard,
  );
}

/**
 * A mail in the transactional outbox, pending delivery. `id` is what
 * `publishOutbox` nudges the queue with; `payload` is the email intent, or an
 * SQL `json_object(...)` over the guard's rows for set-based mail (one per
 * recipient row). `returningId` answers the ids actually written.
 */
export function outboxMail(
  now: number,
  mail: { id: Value; payload: EmailIntent | Sql },
  guard: Guard | null = null,
  { returningId = false }: { returningId?: boolean } = {},
): InStatement {
  return insertRow(
    "outbox",
    {
      id: mail.id,
      kind: "email",
      payload: mail.payload instanceof Sql ? mail.payload : JSON.stringify(mail.payload),
      status: "pending",
      attempts: 0,
      created_at: now,
    },
    guard,
    returningId ? { returning: "id" } : {},
  );
}

/**
 * In-app notifications, one per active member `to` selects (a condition over
 * `memberships m` and the guard's rows), never to the actor. Each row keeps
 * facts (`data`), not sentences. The default id is a random prefix, the
 * subject's id and the recipient's, so a set-based sweep writes unique ids.
 */
export function notification(
  by: By,
  note: { kind: string; subject: { type: string; id: Value }; to: Sql; data: Json; id?: Value },
  guard: Guard | null = null,
): InStatement {
  const person = by.actor.kind === "user" ? by.actor.membership.id : null;
  const subjectId = asSql(note.subject.id);
  const values = {
    id: note.id ?? new Sql(`? || ':' || ${subjectId.sql} || ':' || m.id`, [newId(), ...subjectId.args]),
    recipient_id: sql("m.id"),
    kind: note.kind,
    subject_type: note.subject.type,
    subject_id: note.subject.id,
    data: json(note.data) ?? "{}",
    created_at: by.now,
  };
  const notActor = sql("m.id IS NOT ?", person);
  const recipients = guard?.from
    ? guardOver(
        new Sql(`${guard.from.sql} JOIN memberships m ON m.status = 'active' AND ${note.to.sql}`, [...guard.from.args, ...note.to.args]),
        new Sql(`${notActor.sql} AND ${guard.where.sql}`, [...notActor.args, ...guard.where.args]),
      )
    : guardOver(
        sql("memberships m"),
        new Sql(`m.status = 'active' AND ${note.to.sql} AND ${notActor.sql}${guard ? ` AND ${guard.where.sql}` : ""}`, [
          ...note.to.args,
          ...notActor.args,
          ...(guard?.where.args ?? []),
        ]),
      );
  return insertRow("notifications", values, recipients);
}
