using AttachmentSync.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Reliability.Tests.Infrastructure;

/// <summary>A migrated SQLite database file under the temp directory, for tests of the storage classes.</summary>
public sealed class TempDatabase
{
    private TempDatabase(SqliteDatabase database) => Database = database;

    public SqliteDatabase Database { get; }

    /// <summary>Creates the file in <paramref name="folder"/> under the temp directory and runs the migrations.</summary>
    public static async Task<TempDatabase> CreateAsync(string folder, TimeProvider timeProvider)
    {
        var path = Path.Combine(Path.GetTempPath(), folder, Guid.NewGuid().ToString("N") + ".db");
        var database = new SqliteDatabase(path);
        await new SqliteMigrator(database, timeProvider).MigrateAsync(CancellationToken.None);
        return new TempDatabase(database);
    }

    /// <summary>Closes the pooled connections and deletes the file.</summary>
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(Database.Path);
    }
}
