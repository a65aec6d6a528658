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
            scan.CommandText = "SELECT id, label, task, crc, payload FROM samples ORDER BY id";
            using var reader = scan.ExecuteReader();
            while (reader.Read())
            {
                samples++;
                long id = reader.GetInt64(0);
                int label = reader.GetInt32(1);
                int task = reader.GetInt32(2);
                uint stored = (uint)reader.GetInt64(3);
                long length = reader.GetBytes(4, 0, null, 0, 0);
                bool good = length == _payload.Length;
                if (good)
                {
                    reader.GetBytes(4, 0, _payload, 0, _payload.Length);
                    good = Checksum(id, label, task, _payload) == stored;
                }
                if (!good)
                {
                    corrupted.Add(id);
                    _index.Remove(label, id);
                }
            }
            AddRead(samples * RecordBytes);
            return new SampleStoreVerification(samples, new EquatableArray<long>([.. corrupted]), integrity);
        }
    }
}
