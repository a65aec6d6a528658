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
    /// checkpoints the log into the file, on close or otherwise.
    /// </summary>
    private static void CheckBeforeWriting(string file, int featureCount, SampleEncoding encoding, string? runId)
    {
        if (!File.Exists(file) || new FileInfo(file).Length == 0)
        {
            return;
        }

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
