using System;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;
using static TorchSharp.torch;

namespace Miro.Runtime.Learning;

/// <summary>
/// Assembles minibatches into two preallocated tensors (inputs [rows, C, H, W] float32, targets
/// [rows] int64) by copying sample rows straight into their native memory: no managed or native
/// allocation per step except the narrow views handed to the step, which its dispose scope frees.
/// </summary>
internal sealed unsafe class BatchAssembler : IDisposable
{
    private readonly SampleShape _shape;
    private Tensor _inputs;
    private Tensor _targets;
    private float* _inputData;
    private long* _targetData;

    public BatchAssembler(SampleShape shape, int maxRows)
    {
        _shape = shape;
        (_inputs, _targets) = Allocate(shape, Math.Max(1, maxRows));
        CachePointers();
    }

    /// <summary>Rows added since <see cref="Clear"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows the buffers hold (a field: <c>Tensor.shape</c> is a native call and an allocation).</summary>
    public int MaxRows { get; private set; }

    /// <summary>Grows the buffers to at least <paramref name="maxRows"/> rows (between steps only).</summary>
    public void EnsureCapacity(int maxRows)
    {
        if (maxRows <= MaxRows)
        {
            return;
        }

        _inputs.Dispose();
        _targets.Dispose();
        (_inputs, _targets) = Allocate(_shape, maxRows);
        CachePointers();
    }

    /// <summary>Starts a new batch.</summary>
    public void Clear() => Rows = 0;

    /// <summary>Appends stream-buffer sample <paramref name="index"/>.</summary>
    public void AddStream(StreamBuffer stream, int index) => Add(stream.Features(index), stream.Label(index));

    /// <summary>Appends memory slot <paramref name="slot"/>.</summary>
    public void AddMemory(ReplayMemory memory, int slot)
    {
        memory.CopyFeatures(slot, InputRow(Rows));
        _targetData[Rows] = memory.Label(slot);
        Rows++;
    }

    /// <summary>Appends one sample.</summary>
    public void Add(ReadOnlySpan<float> features, int label)
    {
        features.CopyTo(InputRow(Rows));
        _targetData[Rows] = label;
        Rows++;
    }

    /// <summary>The inputs of the current batch (a view; dispose it with the step's scope).</summary>
    public Tensor Inputs() => _inputs.narrow(0, 0, Rows);

    /// <summary>The targets of the current batch (a view; dispose it with the step's scope).</summary>
    public Tensor Targets() => _targets.narrow(0, 0, Rows);

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
    }

    private Span<float> InputRow(int row)
    {
        if (row >= MaxRows)
        {
            throw new InvalidOperationException($"The batch holds at most {MaxRows} rows.");
        }

        return new Span<float>(_inputData + (long)row * _shape.Size, _shape.Size);
    }

    /// <summary>
    /// The buffers' native storage never moves while the tensors live, so their addresses are taken
    /// once: writing a row is then a plain memory copy, without a native call per row.
    /// </summary>
    private void CachePointers()
    {
        MaxRows = (int)_targets.shape[0];
        fixed (byte* inputs = _inputs.bytes)
        fixed (byte* targets = _targets.bytes)
        {
            _inputData = (float*)inputs;
            _targetData = (long*)targets;
        }
    }

    private static (Tensor Inputs, Tensor Targets) Allocate(SampleShape shape, int rows)
    {
        // The buffers live as long as the assembler, not as long as the caller's dispose scope.
        Tensor inputs = zeros(new long[] { rows, shape.Channels, shape.Height, shape.Width }, ScalarType.Float32);
        Tensor targets = zeros(new long[] { rows }, ScalarType.Int64);
        inputs.DetachFromDisposeScope();
        targets.DetachFromDisposeScope();
        return (inputs, targets);
    }
}
