// SQL text for the statements the writer runs outside Kysely (the SQLite thread's prepared
// statements, PostgreSQL's named batch statement), compiled by Kysely from the same builders
// and fragments the Kysely path runs: a rule is written once, whichever connection runs it.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { DialectName } from '../connect.js';
import type { Database } from '../database.js';

/** A statement's text, and what to bind to each of its parameters: a constant, or a named argument. */
export interface StatementText<Arg extends string = string> {
  sql: string;
  args: ({ arg: Arg } | { value: unknown })[];
}

// Kysely instances that only compile: no connection behind them.
const compilers: Record<DialectName, Kysely<Database>> = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

/**
 * The text of the statement `build` makes for `dialect`. `build` receives one placeholder value
 * per argument name (pass it where the builder takes a value); each parameter of the compiled
 * statement is then bound to that argument, or to the constant the builder gave.
 */
export function statementText<Arg extends string>(
  dialect: DialectName,
  argNames: readonly Arg[],
  build: (db: Kysely<Database>, placeholders: Record<Arg, string>) => Compilable,
): StatementText<Arg> {
  const placeholders = Object.fromEntries(argNames.map((name) => [name, `\u0000${name}\u0000`])) as Record<Arg, string>;
  const byPlaceholder = new Map<unknown, Arg>(argNames.map((name) => [placeholders[name], name]));
  const compiled = build(compilers[dialect], placeholders).compile();
  return {
    sql: compiled.sql,
    args: compiled.parameters.map((value) => {
      const arg = byPlaceholder.get(value);
      return arg !== undefined ? { arg } : { value };
    }),
  };
}
