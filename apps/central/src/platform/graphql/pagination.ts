import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { z } from 'zod';
import type { BadUserInputError } from '../errors/domain.errors.js';
import { invalidInput } from '../errors/input-problems.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export type Edge<T> = { cursor: string; node: T };
export type ConnectionShape<T> = { edges: Edge<T>[]; pageInfo: PageInfo };

/** Relay-style connection type for `T`: `@ObjectType() class FooConnection extends Connection(Foo) {}`. */
export function Connection<T>(nodeType: Type<T>) {
  @ObjectType(`${nodeType.name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

@ArgsType()
export class PageArgs {
  static readonly schema = z.object({
    first: z
      .number()
      .int()
      .min(1, { error: 'must be between 1 and 100' })
      .max(100, { error: 'must be between 1 and 100' })
      .default(20),
    after: z.string().max(500).nullish(),
  });

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export type Page = { first: number; after: Record<string, string> | null };

/** Cursors are opaque to clients: base64url JSON of the sort key of the last row. */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, keys: readonly string[]): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      keys.every((key) => typeof (parsed as Record<string, unknown>)[key] === 'string')
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // fall through to the input error
  }
  throw invalidCursor();
}

function invalidCursor(): BadUserInputError {
  return invalidInput('Invalid cursor', [
    { field: 'after', message: 'is not a cursor from this list' },
  ]);
}

/** A keyset cursor `{ <field>: ISO time, id }` (lists ordered by a time, then id), decoded. */
export function decodeTimeCursor<F extends string>(
  cursor: string,
  field: F,
): { [K in F]: Date } & { id: string } {
  const key = decodeCursor(cursor, [field, 'id']);
  const at = new Date(key[field] ?? '');
  const id = key['id'];
  if (Number.isNaN(at.getTime()) || !id) throw invalidCursor();
  return { [field]: at, id } as { [K in F]: Date } & { id: string };
}

export function toPage(args: PageArgs, keys: readonly string[]): Page {
  const first = args.first ?? 20;
  return { first, after: args.after ? decodeCursor(args.after, keys) : null };
}

/** `rows` holds up to `first + 1` rows in order; the extra one only says there is a next page. */
export function toConnection<R, T>(
  rows: readonly R[],
  first: number,
  cursorKey: (row: R, index: number) => Record<string, string>,
  toNode: (row: R) => T,
): ConnectionShape<T> {
  const pageRows = rows.slice(0, first);
  const edges = pageRows.map((row, index) => ({
    cursor: encodeCursor(cursorKey(row, index)),
    node: toNode(row),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** An offset cursor `{ offset }` (lists without a stable keyset), decoded to the rows to skip. */
export function offsetOf(cursor: string): number {
  const { offset = '' } = decodeCursor(cursor, ['offset']);
  const value = Number(offset);
  if (!/^\d+$/.test(offset) || !Number.isSafeInteger(value)) throw invalidCursor();
  return value;
}

/** Like `toConnection`, for a page read with `skip`: each cursor holds the offset after its row. */
export function toOffsetConnection<R, T>(
  rows: readonly R[],
  first: number,
  skip: number,
  toNode: (row: R) => T,
): ConnectionShape<T> {
  return toConnection(rows, first, (_row, index) => ({ offset: String(skip + index + 1) }), toNode);
}

/** Rows listed oldest first by (createdAt, id); the cursor holds both. */
export type CreatedAtCursor = { createdAt: string; id: string };
export const CREATED_AT_CURSOR_KEYS = ['createdAt', 'id'] as const;

/** Prisma `where` fragment for keyset pagination after a (createdAt, id) cursor. */
export function afterCreatedAt(after: Record<string, string> | null) {
  if (!after) return {};
  const createdAt = new Date(after['createdAt'] ?? '');
  if (Number.isNaN(createdAt.getTime())) throw invalidCursor();
  const id = after['id'] ?? '';
  return { OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] };
}

export const createdAtOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The same keyset, newest first: rows before the (createdAt, id) cursor. */
export function beforeCreatedAt(after: Record<string, string> | null) {
  if (!after) return {};
  const createdAt = new Date(after['createdAt'] ?? '');
  if (Number.isNaN(createdAt.getTime())) throw invalidCursor();
  const id = after['id'] ?? '';
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

export const newestFirstOrder = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

export function createdAtCursor(row: { createdAt: Date; id: string }): Record<string, string> {
  return { createdAt: row.createdAt.toISOString(), id: row.id };
}
