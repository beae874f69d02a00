using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Data;

/// <summary>
/// Keeps SQLite's prepared statements for the life of an open connection. Microsoft.Data.Sqlite keeps a statement
/// only as long as its command (dotnet/efcore#14044) and EF Core makes a command per execution, so every query is
/// parsed and planned again: on the API's send that preparing, with opening the connection, was the largest cost. This interceptor
/// hands EF Core a command that runs through one prepared <see cref="SqliteCommand"/> per SQL text and connection,
/// kept until the connection closes. Only for contexts whose connection stays open
/// (<see cref="ApiContexts"/>): a connection closed after each use would prepare everything again anyway.
/// A statement still being read (a second query of the same text inside the first one's results) runs unprepared.
/// </summary>
public sealed class SqliteStatementCache : DbCommandInterceptor
{
    /// <summary>Distinct SQL texts kept per connection; more run unprepared (EF Core's queries are a bounded set).</summary>
    public const int MaxStatements = 64;

    public static readonly SqliteStatementCache Instance = new();

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> Cache = new();

    private SqliteStatementCache()
    {
    }

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result) =>
        result is SqliteCommand command ? new ReusingCommand(command) : result;

    /// <summary>How many prepared statements <paramref name="connection"/> keeps (for tests).</summary>
    public static int CountFor(SqliteConnection connection) => Cache.TryGetValue(connection, out var statements) ? statements.Count : 0;

    /// <summary>
    /// Whether a reader run through this cache on <paramref name="connection"/> is still open: its statement has not been
    /// reset, so it still reads the snapshot it started with (and keeps the WAL from being checkpointed past it).
    /// </summary>
    public static bool HasOpenReaders(SqliteConnection connection) =>
        Cache.TryGetValue(connection, out var statements) && statements.HasOpenReaders();

    /// <summary>Lets go of the last request's parameters (and so its values) held by the kept commands.</summary>
    public static void ForgetParameters(SqliteConnection connection)
    {
        if (Cache.TryGetValue(connection, out var statements))
        {
            statements.ForgetParameters();
        }
    }

    private sealed class Statements
    {
        private readonly Dictionary<string, Statement> _byText = new(StringComparer.Ordinal);
        private readonly List<SqliteDataReader> _readers = [];

        public Statements(SqliteConnection connection)
        {
            // Closing a connection finalizes its statements (and disposes its commands): start again on the next open.
            void Closed(object? sender, StateChangeEventArgs change)
            {
                if (change.CurrentState != ConnectionState.Open)
                {
                    connection.StateChange -= Closed;
                    Cache.Remove(connection);
                }
            }

            connection.StateChange += Closed;
        }

        public int Count => _byText.Count;

        public void Track(SqliteDataReader reader)
        {
            _readers.RemoveAll(r => r.IsClosed);
            _readers.Add(reader);
        }

        public bool HasOpenReaders() => _readers.Exists(r => !r.IsClosed);

        public void ForgetParameters()
        {
            _readers.RemoveAll(r => r.IsClosed);
            foreach (var statement in _byText.Values)
            {
                statement.Command.Parameters.Clear();
            }
        }

        public bool TryTake(SqliteConnection connection, string text, [NotNullWhen(true)] out Statement? statement)
        {
            if (_byText.TryGetValue(text, out statement))
            {
                return statement.Reader is not { IsClosed: false };
            }

            if (_byText.Count >= MaxStatements)
            {
                return false;
            }

            var command = connection.CreateCommand();
            command.CommandText = text;
            statement = new Statement(command);
            _byText.Add(text, statement);
            return true;
        }
    }

    private sealed class Statement(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public SqliteDataReader? Reader { get; set; }
    }

    /// <summary>EF Core fills this like any command; it executes through the connection's kept statement for its text.</summary>
    private sealed class ReusingCommand(SqliteCommand own) : DbCommand
    {
        [AllowNull]
        public override string CommandText { get => own.CommandText; set => own.CommandText = value; }

        public override int CommandTimeout { get => own.CommandTimeout; set => own.CommandTimeout = value; }

        public override CommandType CommandType { get => own.CommandType; set => own.CommandType = value; }

        public override bool DesignTimeVisible { get => own.DesignTimeVisible; set => own.DesignTimeVisible = value; }

        public override UpdateRowSource UpdatedRowSource { get => own.UpdatedRowSource; set => own.UpdatedRowSource = value; }

        protected override DbConnection? DbConnection { get => own.Connection; set => own.Connection = (SqliteConnection?)value; }

        protected override DbParameterCollection DbParameterCollection => own.Parameters;

        protected override DbTransaction? DbTransaction { get => own.Transaction; set => own.Transaction = (SqliteTransaction?)value; }

        public override void Cancel() => own.Cancel();

        public override void Prepare()
        {
            // Kept statements are prepared on first use.
        }

        protected override DbParameter CreateDbParameter() => own.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            var statement = Kept(out var statements);
            var reader = (statement?.Command ?? own).ExecuteReader(behavior);
            if (statement is not null)
            {
                statement.Reader = reader;
            }

            statements?.Track(reader);
            return reader;
        }

        public override int ExecuteNonQuery() => (Kept(out _)?.Command ?? own).ExecuteNonQuery();

        public override object? ExecuteScalar() => (Kept(out _)?.Command ?? own).ExecuteScalar();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                own.Dispose();
            }

            base.Dispose(disposing);
        }

        // The connection's statement for this text with this command's parameters and transaction, or null to run unprepared;
        // with the connection's statements (null when it is not open), which track every reader run on it.
        private Statement? Kept(out Statements? statements)
        {
            statements = null;
            if (own.Connection is not { State: ConnectionState.Open } connection)
            {
                return null;
            }

            statements = Cache.GetValue(connection, c => new Statements(c));
            if (own.CommandType != CommandType.Text || !statements.TryTake(connection, own.CommandText, out var statement))
            {
                return null;
            }

            var command = statement.Command;
            command.Transaction = own.Transaction;
            command.CommandTimeout = own.CommandTimeout;
            command.Parameters.Clear();
            foreach (SqliteParameter parameter in own.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            return statement;
        }
    }
}
