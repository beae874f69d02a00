using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Tests.TestSupport;

/// <summary>Records the queries a SQLite context sends, and asks SQLite (<c>EXPLAIN QUERY PLAN</c>) how it runs them.</summary>
public sealed class PlanRecorder : DbCommandInterceptor
{
    private readonly List<(DbConnection Connection, string Sql, List<(string Name, object? Value)> Parameters)> _queries = [];

    public int Count => _queries.Count;

    public void Clear() => _queries.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    private void Record(DbCommand command)
    {
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            lock (_queries)
            {
                _queries.Add((command.Connection!, command.CommandText,
                    command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            }
        }
    }

    /// <summary>Each step of a recorded query's plan that reads a whole table or builds one first (SCAN, MATERIALIZE), with its query.</summary>
    public async Task<IReadOnlyList<string>> FullScansAsync()
    {
        var found = new List<string>();
        foreach (var (sql, step) in await StepsAsync())
        {
            // A SCAN of a query with a LIMIT and no WHERE reads the first rows of an order and stops (the audit
            // chain's last entry: ORDER BY "Id" DESC LIMIT 1); every other SCAN or MATERIALIZE reads a whole table.
            var bounded = sql.Contains("LIMIT", StringComparison.Ordinal) && !sql.Contains("WHERE", StringComparison.Ordinal);
            if ((step.StartsWith("SCAN", StringComparison.Ordinal) && !bounded) || step.StartsWith("MATERIALIZE", StringComparison.Ordinal))
            {
                found.Add($"{step} in: {sql}");
            }
        }

        return found;
    }

    /// <summary>Every step of every recorded query's plan (<c>EXPLAIN QUERY PLAN</c>), with its query.</summary>
    public async Task<IReadOnlyList<(string Sql, string Step)>> StepsAsync()
    {
        if (_queries.Count == 0)
        {
            throw new InvalidOperationException("No query was recorded: there is no plan to check.");
        }

        var steps = new List<(string Sql, string Step)>();
        foreach (var (connection, sql, parameters) in _queries.ToList())
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                explain.Parameters.Add(parameter);
            }

            if (connection.State != System.Data.ConnectionState.Open)
            {
                await connection.OpenAsync();
            }

            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add((sql, reader.GetString(3)));
            }
        }

        return steps;
    }
}
