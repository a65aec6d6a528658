using System.IO;
using Microsoft.Data.Sqlite;
using Miro.Runtime.Data;

namespace Miro.Runtime.Memory;

/// <summary>
/// The read-only look at an existing store that comes before any write: opening a store to check
/// it never changes it (docs/storage.md).
/// </summary>
public sealed partial class SampleStore
{
    /// <summary>
    /// Opens an existing store read-only and refuses it (integrity, format, version, sample shape)
    /// without changing a byte of it or of its write-ahead log. A read-only connection never
    /// checkpoints the log into the file, on close or otherwise; side files SQLite creates for the
    /// connection are removed again when the store is refused.
    /// </summary>
    private static void CheckBeforeWriting(string file, int featureCount, SampleEncoding encoding, string? runId)
    {
        if (!File.Exists(file) || new FileInfo(file).Length == 0)
        {
            return;
        }

        // SQLite creates the shared-memory index (and an empty log) beside a WAL store even for a
        // read-only connection; a refused store is left with exactly the files it had.
        bool hadLog = File.Exists(file + "-wal");
        bool hadIndex = File.Exists(file + "-shm");
        try
        {
            Check(file, featureCount, encoding, runId);
        }
        catch (SampleStoreException)
        {
            RemoveCreated(file + "-wal", hadLog, emptyOnly: true);
            RemoveCreated(file + "-shm", hadIndex, emptyOnly: false);
            throw;
        }
    }

    private static void RemoveCreated(string path, bool existedBefore, bool emptyOnly)
    {
        try
        {
            if (!existedBefore && File.Exists(path) && (!emptyOnly || new FileInfo(path).Length == 0))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // The refusal is what matters; a side file we could not remove is SQLite's, and harmless.
        }
        catch (System.UnauthorizedAccessException)
        {
        }
    }

    private static void Check(string file, int featureCount, SampleEncoding encoding, string? runId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            string check = Scalar(connection, "PRAGMA quick_check") as string ?? "";
            if (check != "ok")
            {
                throw SampleStoreSchema.Damaged(file, $"SQLite quick_check: {check}");
            }

            var tables = SampleStoreSchema.Tables(connection);
            if (tables.Count > 0)
            {
                SampleStoreSchema.Validate(connection, file, featureCount, encoding, tables, runId);
            }
        }
        catch (SqliteException e)
        {
            throw SampleStoreSchema.OpenFailed(file, e);
        }
    }
}
