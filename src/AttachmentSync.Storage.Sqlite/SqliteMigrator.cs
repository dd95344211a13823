using System.Reflection;
using Dapper;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>
/// Applies the embedded scripts <c>Migrations/NNNN_name.sql</c> in order, each in its own transaction,
/// and records them in <c>schema_migrations</c>. Switches the file to WAL mode first.
/// </summary>
public sealed class SqliteMigrator(SqliteDatabase database, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();

        var newlyApplied = new List<int>();
        foreach (var (version, name, sql) in LoadScripts())
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @now)",
                new { version, name, now = SqliteDatabase.FormatTime(timeProvider.GetUtcNow()) }, transaction);
            await transaction.CommitAsync(cancellationToken);
            newlyApplied.Add(version);
        }

        return newlyApplied;
    }

    private static IEnumerable<(int Version, string Name, string Sql)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "AttachmentSync.Storage.Sqlite.Migrations.";
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var resource in names)
        {
            var name = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (version, name, reader.ReadToEnd());
        }
    }
}
