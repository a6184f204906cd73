using Microsoft.Data.Sqlite;

namespace RouterOS.Api.Store;

/// <summary>
/// The API's SQLite file. Every operation opens a connection of its own and closes it when done:
/// Microsoft.Data.Sqlite pools them, so an open costs no more than EF Core's did, and no state
/// outlives an operation. Disposed with the host, it closes the pooled connections: the pool is
/// per process, and would otherwise keep the file (and its WAL and shared-memory files) open after
/// the API stopped using it.
/// </summary>
public sealed class RouterDatabase(string path) : IDisposable
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <summary>WAL: readers never wait for the writer, and a crash mid-write loses nothing committed. The mode is kept in the file.</summary>
    public async Task UseWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.Command("PRAGMA journal_mode=WAL;").RunAsync(cancellationToken);
    }

    /// <summary>Whether the file is there, opens and answers a query (the readiness probe).</summary>
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        // Looked for first, as EF Core did: a pooled connection still answers from a deleted file, and
        // a new one would make an empty file in its place.
        if (!File.Exists(path))
            return false;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await connection.Command("SELECT 1;").ReadScalarAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
