import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  type SqliteDatabase as SqliteDatabaseShape,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from 'kysely';

/**
 * SQLite with one writer and one reader. Kysely's SQLite driver has one connection behind a mutex: a
 * long transaction (a 100,000-card import, which yields to the event loop between batches) would
 * hold every other request's query until it commits. Here a SELECT outside a transaction runs on a
 * second connection to the same file instead, which WAL lets read the last commit while the writer
 * works; everything else (writes, PRAGMAs, every statement inside a transaction) takes the writer
 * as before. better-sqlite3 runs a statement to its end before returning, so a write that answered
 * is committed, and the reader's next statement sees it.
 */
export class ReadRoutingSqliteDialect extends SqliteDialect {
  readonly #writer: SqliteDialectConfig;
  readonly #reader: SqliteDatabaseShape;

  constructor(writer: SqliteDialectConfig, reader: SqliteDatabaseShape) {
    super(writer);
    this.#writer = writer;
    this.#reader = reader;
  }

  override createDriver(): Driver {
    return new ReadRoutingDriver(new SqliteDriver(this.#writer), this.#reader);
  }
}

class ReadRoutingDriver implements Driver {
  readonly #writer: Driver;
  readonly #reader: SqliteDatabaseShape;

  constructor(writer: Driver, reader: SqliteDatabaseShape) {
    this.#writer = writer;
    this.#reader = reader;
  }

  init(): Promise<void> {
    return this.#writer.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.#writer, this.#reader);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const routed = connection as RoutedConnection;
    await this.#writer.beginTransaction(await routed.holdWriter(), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#writer.commitTransaction(await (connection as RoutedConnection).holdWriter());
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#writer.rollbackTransaction(await (connection as RoutedConnection).holdWriter());
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    this.#reader.close();
    await this.#writer.destroy();
  }
}

/** One use of the database: reads go to the reader unless it holds the writer (a transaction). */
class RoutedConnection implements DatabaseConnection {
  readonly #writer: Driver;
  readonly #reader: SqliteDatabaseShape;
  #held: DatabaseConnection | undefined;

  constructor(writer: Driver, reader: SqliteDatabaseShape) {
    this.#writer = writer;
    this.#reader = reader;
  }

  /** The writer's connection, taken (waiting for its mutex) and kept until released. */
  async holdWriter(): Promise<DatabaseConnection> {
    this.#held ??= await this.#writer.acquireConnection();
    return this.#held;
  }

  async release(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held) await this.#writer.releaseConnection(held);
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#held && SelectQueryNode.is(compiled.query)) {
      const statement = this.#reader.prepare(compiled.sql);
      return { rows: statement.all(compiled.parameters) as R[] };
    }
    return (await this.holdWriter()).executeQuery<R>(compiled);
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    yield* (await this.holdWriter()).streamQuery<R>(compiled, chunkSize);
  }
}
