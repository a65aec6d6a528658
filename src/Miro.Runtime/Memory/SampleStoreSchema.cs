using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using Miro.Runtime.Data;

namespace Miro.Runtime.Memory;

/// <summary>
/// The on-flash format of the sample store (format version <see cref="Version"/>) and the checks
/// that refuse a damaged or foreign file with a message that names it and says what to do.
/// </summary>
internal static class SampleStoreSchema
{
    public const string Format = "miro-sample-store";
    // Version 2 keeps samples in the data set's element type (version 1: always float32). A
    // version-1 payload read as bytes would be a silent misread, so older stores are refused.
    public const int Version = 2;

    // The identity (id, source id, label, task) and the element type are checksummed with the
    // payload, so a row whose label, ids or type were damaged fails its check like a damaged
    // payload would.
    public const int HeaderBytes = 29; // id 8 + source id 8 + label 4 + task 4 + element 1 + crc 4: the logical bytes per record besides the payload

    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    /// <summary>Refuses a file that is not an SQLite database before SQLite touches it.</summary>
    public static void CheckHeader(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }
        Span<byte> head = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleStoreException(file, Files.FileFailure.Describe("read the sample store", file, e), e);
        }
        if (read < head.Length || !head.SequenceEqual(SqliteMagic))
        {
            throw Damaged(file, "it does not start with an SQLite header");
        }
    }

    /// <summary>Creates the schema in a new (empty) database, or validates an existing one.</summary>
    /// <returns>The next sample id to assign.</returns>
    public static long CreateOrValidate(SqliteConnection connection, string file, int featureCount, SampleEncoding encoding, string? runId)
    {
        var tables = Tables(connection);
        if (tables.Count == 0)
        {
            Create(connection, featureCount, encoding, runId);
            return 1;
        }
        return Validate(connection, file, featureCount, encoding, tables, runId);
    }

    /// <summary>The names of the database's tables.</summary>
    public static HashSet<string> Tables(SqliteConnection connection)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = list.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    /// <summary>Validates an existing store (read-only: it writes nothing).</summary>
    /// <returns>The next sample id to assign.</returns>
    public static long Validate(SqliteConnection connection, string file, int featureCount, SampleEncoding encoding, HashSet<string> tables, string? runId)
    {
        if (!tables.Contains("meta") || !tables.Contains("samples") || !tables.Contains("task_progress"))
        {
            throw new SampleStoreException(file,
                $"'{file}' is an SQLite database but not a Miro sample store (tables: {string.Join(", ", tables)}). " +
                "Point the storage tier at another directory; this file was left untouched.");
        }
        var meta = ReadMeta(connection);
        if (!meta.TryGetValue("format", out var format) || format != Format)
        {
            throw new SampleStoreException(file,
                $"'{file}' is not a Miro sample store (format '{format ?? "missing"}'). Point the storage tier at another directory; this file was left untouched.");
        }
        long version = ParseLong(meta, "version", file);
        if (version > Version)
        {
            throw new SampleStoreException(file,
                $"'{file}' was written by a newer Miro (sample store format {version}; this build reads format {Version}). " +
                "Upgrade Miro, or point the storage tier at another directory; the file was left untouched.");
        }
        if (version < Version)
        {
            string directory = Path.GetDirectoryName(file) ?? file;
            string what = version == 1 ? " (float32 samples; this build stores samples in the data set's element type, e.g. bytes for Fashion-MNIST)" : "";
            throw new SampleStoreException(file,
                $"'{file}' uses sample store format {version}{what}, which this build (format {Version}) cannot read. " +
                $"To rebuild it, delete the directory '{directory}' and start the run again without --resume: every task writes its samples to a new store. " +
                "Or keep using the Miro version that wrote it. The file was left untouched.");
        }
        long stored = ParseLong(meta, "features", file);
        if (stored != featureCount)
        {
            throw new SampleStoreException(file,
                $"'{file}' holds samples of {stored} features but this run's samples have {featureCount}. " +
                "Give this run its own storage path, or delete the store if its samples are no longer wanted.");
        }
        string element = meta.GetValueOrDefault("element", "missing");
        if (element != encoding.ToString())
        {
            throw new SampleStoreException(file,
                $"'{file}' holds samples of element type {element} but this run's data are {encoding}. " +
                "Give this run its own storage path, or delete the store if its samples are no longer wanted.");
        }
        if (runId is not null && (!meta.TryGetValue("run", out var owner) || owner != runId))
        {
            throw new SampleStoreException(file,
                $"'{file}' belongs to {(owner is null ? "no recorded run" : $"another run ({owner})")}, not to this run ({runId}): " +
                "its samples would be replayed as this run's. Give this run its own folder, or move the store aside; it was left untouched.");
        }
        return ParseLong(meta, "next_id", file);
    }

    /// <summary>An SQLite error while opening: damage is reported as such, anything else (permission, space, another process) by its cause.</summary>
    public static SampleStoreException OpenFailed(string file, SqliteException e) =>
        e.SqliteErrorCode is 11 /* SQLITE_CORRUPT */ or 26 /* SQLITE_NOTADB */
            ? Damaged(file, $"SQLite error {e.SqliteErrorCode}: {e.Message}", e)
            : new SampleStoreException(file, Files.FileFailure.Describe("open the sample store", file, e), e);

    public static SampleStoreException Damaged(string file, string detail, Exception? inner = null) =>
        new(file,
            $"The sample store '{file}' is damaged ({detail}). Miro does not repair or discard stored samples on its own: " +
            "move the store directory aside (to inspect or recover it with the sqlite3 tool) or delete it to start an empty store.",
            inner);

    private static void Create(SqliteConnection connection, int featureCount, SampleEncoding encoding, string? runId)
    {
        using var transaction = connection.BeginTransaction();
        using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = $"""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE samples (
                id INTEGER PRIMARY KEY,
                source_id INTEGER NOT NULL,
                label INTEGER NOT NULL,
                task INTEGER NOT NULL,
                element INTEGER NOT NULL,
                crc INTEGER NOT NULL,
                payload BLOB NOT NULL);
            CREATE INDEX samples_by_label ON samples (label, id);
            CREATE TABLE task_progress (task INTEGER PRIMARY KEY, written INTEGER NOT NULL);
            INSERT INTO meta (key, value) VALUES
                ('format', '{Format}'), ('version', '{Version}'), ('features', '{featureCount}'),
                ('element', '{encoding}'), ('next_id', '1');
            """;
        create.ExecuteNonQuery();
        if (runId is not null)
        {
            // The run this store belongs to: a store opened for another run is refused (Validate).
            using var owner = connection.CreateCommand();
            owner.Transaction = transaction;
            owner.CommandText = "INSERT INTO meta (key, value) VALUES ('run', $run)";
            owner.Parameters.AddWithValue("$run", runId);
            owner.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static Dictionary<string, string> ReadMeta(SqliteConnection connection)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM meta";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            meta[reader.GetString(0)] = reader.GetString(1);
        }
        return meta;
    }

    private static long ParseLong(Dictionary<string, string> meta, string key, string file)
    {
        if (meta.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }
        throw Damaged(file, $"its meta entry '{key}' is missing or not a number");
    }
}
