using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PartnerPortal.Data;

/// <summary>
/// Inserts many new rows of one entity type with a single prepared <c>INSERT … RETURNING</c> executed once a row, and
/// sets each entity's generated key. Built from the EF Core model (table, columns, value converters, provider type
/// mappings), so it writes exactly what <c>SaveChanges</c> would, for SQLite and PostgreSQL alike, without the change
/// tracker: the group commit of sends uses it, where EF Core's per-entity bookkeeping cost more than the writes.
/// Runs inside the caller's open transaction; a constraint violation surfaces as <see cref="DbUpdateException"/>.
/// </summary>
public static class RowInserter
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type), Plan> Plans = new();

    public static async Task InsertAsync<T>(ApplicationDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var plan = Plans.GetOrAdd((db.Model, typeof(T)), key => Plan.For(db, key.Type));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("RowInserter runs inside the caller's transaction.");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = plan.Sql;
        var parameters = plan.Columns.Select((column, i) => column.Mapping.CreateParameter(command, plan.Parameters[i], null, column.Nullable)).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(cancellationToken);
        try
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    var column = plan.Columns[i];
                    var value = column.Property.GetGetter().GetClrValueUsingContainingEntity(row);
                    var converter = column.Mapping.Converter;
                    parameters[i].Value = value is null ? DBNull.Value : (converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                }

                var key = await command.ExecuteScalarAsync(cancellationToken);
                plan.Key.SetValue(row, Convert.ChangeType(key, plan.Key.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (DbException exception)
        {
            throw new DbUpdateException($"Inserting {typeof(T).Name} rows failed: {exception.Message}", exception);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, bool Nullable);

    // Parameters are named as EF Core names its own ("@p0"): Microsoft.Data.Sqlite binds by name on every execution,
    // and a name without its prefix misses the first lookup and is searched again under each prefix.
    private sealed record Plan(string Sql, IReadOnlyList<Column> Columns, IReadOnlyList<string> Parameters, PropertyInfo Key)
    {
        public static Plan For(ApplicationDbContext db, Type type)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            // Only the shapes it writes exactly as SaveChanges would: plain columns and a generated key.
            var unsupported = entityType.GetProperties().Where(p => p != key &&
                    (p.IsShadowProperty() || p.GetDefaultValueSql() is not null || p.GetComputedColumnSql() is not null || p.ValueGenerated != ValueGenerated.Never))
                .Select(p => p.Name)
                .Concat(entityType.GetComplexProperties().Select(p => p.Name))
                .ToList();
            if (key.ValueGenerated != ValueGenerated.OnAdd || unsupported.Count > 0)
            {
                throw new NotSupportedException($"RowInserter cannot insert {type.Name}: {string.Join(", ", unsupported.DefaultIfEmpty("its key is not generated on add"))}.");
            }

            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = entityType.GetProperties()
                .Where(p => p != key)
                .Select(p => new Column(p, (RelationalTypeMapping)p.GetTypeMapping(), p.IsNullable))
                .ToList();
            var names = columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)).ToList();
            var parameters = columns.Select((_, i) => sql.GenerateParameterName("p" + i)).ToList();
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) " +
                       $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i)))}) " +
                       $"RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
            return new Plan(text, columns, parameters, key.PropertyInfo!);
        }
    }
}
