using System.Text;
using Microsoft.Data.Sqlite;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>
/// Searches everything the service wrote or returned for every form of every configured secret: the log,
/// the responses, the SQLite file (its raw bytes, the WAL, and the text of every table, the event log
/// included) and the OpenAPI document. Returns one line per finding, naming the secret, never its value.
/// </summary>
public static class SecretScan
{
    public static async Task<IReadOnlyList<string>> FindLeaksAsync(SecureHost host)
    {
        var places = host.Logs.Entries
            .Select(entry => (Place: $"log {entry.Category}[{entry.EventId.Id}]", Bytes: Encoding.UTF8.GetBytes(entry.ToString())))
            .ToList();
        places.AddRange(host.Responses.Select(response =>
            ($"response to {response.Request}", Encoding.UTF8.GetBytes(response.Headers + "\n").Concat(response.Body).ToArray())));
        foreach (var path in new[] { host.Sync.DatabasePath, host.Sync.DatabasePath + "-wal" }.Where(File.Exists))
        {
            places.Add(($"file {Path.GetFileName(path)}", await ReadSharedAsync(path)));
        }

        places.Add(("database tables", Encoding.UTF8.GetBytes(await DumpTablesAsync(host.Sync.DatabasePath))));
        using (var openApi = await host.Client.GetAsync("/openapi/v1.json"))
        {
            places.Add(("OpenAPI document", await openApi.Content.ReadAsByteArrayAsync()));
        }

        var leaks = new List<string>();
        foreach (var (name, secret) in host.Secrets)
        {
            foreach (var form in SecretForms.Of(secret))
            {
                var needle = Encoding.UTF8.GetBytes(form);
                leaks.AddRange(places
                    .Where(place => place.Bytes.AsSpan().IndexOf(needle) >= 0)
                    .Select(place => $"{name} (form {SecretForms.Of(secret).ToList().IndexOf(form)}) in {place.Place}"));
            }
        }

        return leaks.Distinct().ToList();
    }

    /// <summary>Returns every row of every table as text, one line per row.</summary>
    public static async Task<string> DumpTablesAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(' ').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
