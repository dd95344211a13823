using Microsoft.Data.Sqlite;

namespace AttachmentSync.Storage.Sqlite;

/// <summary>
/// A write transaction that owns the process's write gate for the database file until it is disposed.
/// Disposing without <see cref="CommitAsync"/> rolls the transaction back.
/// </summary>
public sealed class SqliteWrite : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate;
    private bool _disposed;

    internal SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    {
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>
    /// Commits the transaction. It takes no cancellation token, because once the statements ran under the lock,
    /// cancelling the short commit would only throw away finished work.
    /// </summary>
    public Task CommitAsync() => Transaction.CommitAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
