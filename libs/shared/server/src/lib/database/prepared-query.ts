import * as pg from 'pg';

/** What pg reads from a statement's RowDescription: the fields and a parser for each. */
export interface RowDescription {
  fields: unknown[];
  parsers: unknown[] | undefined;
  emptyRow: object | null;
}

type Callback = (error: Error | undefined, result: unknown) => void;

/** The parts of pg's Query (pg 8) a prepared statement's execution goes through. */
interface PgQueryParts {
  name: string;
  text: string;
  types: unknown;
  portal: string;
  binary: boolean;
  values: unknown[];
  rows: number | undefined;
  callback: Callback;
  _result: {
    fields: unknown[];
    _parsers: unknown[] | undefined;
    _prebuiltEmptyResultObject: object | null;
  };
  _accumulateRows: boolean;
  _canceledDueToError: Error | false;
  hasBeenParsed(connection: PgConnection): boolean;
  prepare(connection: PgConnection): void;
  handleRowDescription(message: unknown): void;
  handleCommandComplete(message: unknown, connection: PgConnection): void;
  _getRows(connection: PgConnection, rows: number | undefined): void;
}

interface PgConnection {
  submittedNamedStatements: Record<string, string>;
  parse(config: object): void;
  bind(config: object): void;
  describe(config: object): void;
  sync(): void;
}

const BaseQuery = pg.Query as unknown as new (text: string, values: unknown[]) => PgQueryParts;
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } })
  .utils;

/**
 * One execution of a named prepared statement. pg asks PostgreSQL to describe the rows of
 * every execution (a Describe message) and rebuilds its row parsers from the answer each time:
 * on light reads the largest cost pg has. Here only the first execution on a connection asks;
 * later ones bind and execute, and reuse that description. It cannot go stale: PostgreSQL
 * refuses to run a prepared statement whose row type has changed ("cached plan must not change
 * result type"), and the descriptions live and die with the connection's prepared statements.
 * Passed to pg as a Query object, it is also not copied property by property before it is sent,
 * as a plain `{ name, text, values }` is.
 */
export class PreparedQuery extends BaseQuery {
  constructor(
    text: string,
    values: unknown[],
    name: string,
    /** The connection's descriptions, by statement name. */
    private readonly described: Map<string, RowDescription | null>,
    callback: Callback,
  ) {
    super(text, values);
    this.name = name;
    this.callback = callback;
  }

  /**
   * pg's prepare (Parse the first time, Bind, Describe, Execute, Sync), with two differences:
   * Describe only while this connection has no description of the statement, and a value that
   * cannot be sent leaves the statement prepared (pg closes it on the server but keeps it as
   * parsed, so every later use on the connection failed).
   */
  override prepare(connection: PgConnection): void {
    const parsed = this.hasBeenParsed(connection);
    if (!parsed) {
      connection.parse({ text: this.text, name: this.name, types: this.types });
      connection.submittedNamedStatements[this.name] = this.text;
    }
    try {
      connection.bind({
        portal: this.portal,
        statement: this.name,
        values: this.values,
        binary: this.binary,
        valueMapper: prepareValue,
      });
    } catch (error) {
      // Answered once the server is ready again (a Parse sent above completes first).
      this._canceledDueToError = error as Error;
      connection.sync();
      return;
    }
    const known = parsed ? this.described.get(this.name) : undefined;
    if (known === undefined) {
      connection.describe({ type: 'P', name: this.portal });
    } else {
      if (known) {
        this._result.fields = known.fields;
        this._result._parsers = known.parsers;
        this._result._prebuiltEmptyResultObject = known.emptyRow;
      }
      this._accumulateRows = true;
    }
    this._getRows(connection, this.rows);
  }

  override handleRowDescription(message: unknown): void {
    super.handleRowDescription(message);
    const result = this._result;
    this.described.set(this.name, {
      fields: result.fields,
      parsers: result._parsers,
      emptyRow: result._prebuiltEmptyResultObject,
    });
  }

  override handleCommandComplete(message: unknown, connection: PgConnection): void {
    // A statement that returns no rows (PostgreSQL answered NoData): nothing to describe.
    if (!this.described.has(this.name)) this.described.set(this.name, null);
    super.handleCommandComplete(message, connection);
  }
}
