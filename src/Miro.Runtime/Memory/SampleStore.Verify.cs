using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

public sealed partial class SampleStore
{
    /// <summary>
    /// Scans every stored sample and checks its checksum, and runs SQLite's integrity check.
    /// Damaged samples are reported and withdrawn from random draws, never deleted: what to do with
    /// them is the operator's call.
    /// </summary>
    public SampleStoreVerification Verify()
    {
        lock (_gate)
        {
            System.ObjectDisposedException.ThrowIf(_disposed, this);
            string integrity;
            using (var check = _connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                integrity = check.ExecuteScalar() as string ?? "";
            }
            var corrupted = new List<long>();
            long samples = 0;
            using var scan = _connection.CreateCommand();
            scan.CommandText = "SELECT id, source_id, label, task, element, crc, payload FROM samples ORDER BY id";
            using var reader = scan.ExecuteReader();
            while (reader.Read())
            {
                samples++;
                var header = new SampleHeader(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3));
                long element = reader.GetInt64(4);
                uint stored = (uint)reader.GetInt64(5);
                long length = reader.GetBytes(6, 0, null, 0, 0);
                bool good = length == _payload.Length && element == (long)Encoding.Element;
                if (good)
                {
                    reader.GetBytes(6, 0, _payload, 0, _payload.Length);
                    good = Checksum(header, Encoding.Element, _payload) == stored;
                }
                if (!good)
                {
                    corrupted.Add(header.Id);
                    _index.Remove(header.Label, header.Id);
                }
            }
            AddRead(samples * RecordBytes);
            return new SampleStoreVerification(samples, new EquatableArray<long>([.. corrupted]), integrity);
        }
    }
}
