using System;
using System.IO;
using TorchSharp.Modules;

namespace Miro.Runtime.Learning;

/// <summary>
/// The learner's in-task state, for checkpoints taken between epochs or between two steps of an
/// epoch (then also the epoch's shuffled order, the next step and the epoch's running loss).
/// </summary>
public abstract partial class ReplayLearnerBase : IResumableLearner
{
    /// <inheritdoc />
    byte[] IResumableLearner.SaveTaskState()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            Write(writer, State(TaskRandom));
            Write(writer, State(MemoryRandom));
            writer.Write(_poolCount);
            writer.Write(_slotPool.Length);
            foreach (int slot in _slotPool)
            {
                writer.Write(slot);
            }

            Optimizer().save_state_dict(writer);
            writer.Write(_progress.Active);
            if (_progress.Active)
            {
                writer.Write(_progress.Epoch);
                writer.Write(_progress.NextStep);
                writer.Write(_progress.LossSum);
                writer.Write(_progress.Samples);
                writer.Write(_progress.Count);
                for (int i = 0; i < _progress.Count; i++)
                {
                    writer.Write(_order[i]);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <inheritdoc />
    void IResumableLearner.RestoreTaskState(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var reader = new BinaryReader(new MemoryStream(state));
        TaskRandom = new SeededRandom(Read(reader));
        MemoryRandom = new SeededRandom(Read(reader));
        _poolCount = reader.ReadInt32();
        _slotPool = new int[reader.ReadInt32()];
        for (int i = 0; i < _slotPool.Length; i++)
        {
            _slotPool[i] = reader.ReadInt32();
        }

        Optimizer().load_state_dict(reader);
        _resume = null;
        if (reader.ReadBoolean())
        {
            var resume = new EpochProgress(true, reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt64(), reader.ReadInt32());
            if (_order.Length < resume.Count)
            {
                _order = new int[resume.Count];
            }

            for (int i = 0; i < resume.Count; i++)
            {
                _order[i] = reader.ReadInt32();
            }

            _resume = resume;
        }
    }

    private OptimizerHelper Optimizer() => _optimizer as OptimizerHelper
        ?? throw new InvalidOperationException("The learner's optimiser cannot save its state; call BeginTask first.");

    private static RandomState State(Random random) => random is SeededRandom seeded
        ? seeded.State
        : throw new InvalidOperationException("In-task checkpoints need the learner's generators to be SeededRandom (SeedStreams.Create makes them).");

    private static void Write(BinaryWriter writer, RandomState state)
    {
        writer.Write(state.S0);
        writer.Write(state.S1);
        writer.Write(state.S2);
        writer.Write(state.S3);
    }

    private static RandomState Read(BinaryReader reader) =>
        new(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());

    /// <summary>Where the epoch in progress stands after a step: the next step, the running loss sum and samples, and the length of the order in <c>_order</c>.</summary>
    private readonly record struct EpochProgress(bool Active, int Epoch, int NextStep, double LossSum, long Samples, int Count);
}
