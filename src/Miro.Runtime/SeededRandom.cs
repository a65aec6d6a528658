using System;
using System.Buffers.Binary;

namespace Miro.Runtime;

/// <summary>
/// A <see cref="Random"/> whose state can be saved and restored (xoshiro256**, seeded through
/// SplitMix64), so a checkpoint captures every random stream of a run and a resumed run draws
/// exactly what the uninterrupted one would have. <see cref="Random"/> itself cannot be
/// serialised. Every virtual member is overridden, so <see cref="Random.Shuffle{T}(Span{T})"/>,
/// <see cref="Random.GetItems{T}(ReadOnlySpan{T}, int)"/> and friends draw from this generator too.
/// Not thread-safe: each thread owns its generator.
/// </summary>
public sealed class SeededRandom : Random
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public SeededRandom(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Creates a generator that continues from a saved <see cref="State"/>.</summary>
    public SeededRandom(RandomState state)
    {
        State = state;
    }

    /// <summary>The generator's complete state; assigning it rewinds or forwards the stream.</summary>
    public RandomState State
    {
        get => new(_s0, _s1, _s2, _s3);
        set
        {
            if ((value.S0 | value.S1 | value.S2 | value.S3) == 0)
            {
                throw new ArgumentException("An all-zero xoshiro256** state never leaves zero; the saved state is damaged.", nameof(value));
            }
            (_s0, _s1, _s2, _s3) = (value.S0, value.S1, value.S2, value.S3);
        }
    }

    /// <summary>A child generator for another component, seeded from this one's stream.</summary>
    public SeededRandom Fork() => new((long)NextUInt64());

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <inheritdoc />
    public override int Next()
    {
        while (true)
        {
            int value = (int)(NextUInt64() >> 33);
            if (value != int.MaxValue)
            {
                return value;
            }
        }
    }

    /// <inheritdoc />
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)Bounded((ulong)maxValue);
    }

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)Bounded((ulong)((long)maxValue - minValue)));
    }

    /// <inheritdoc />
    public override long NextInt64()
    {
        while (true)
        {
            long value = (long)(NextUInt64() >> 1);
            if (value != long.MaxValue)
            {
                return value;
            }
        }
    }

    /// <inheritdoc />
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)Bounded((ulong)maxValue);
    }

    /// <inheritdoc />
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (long)((ulong)minValue + Bounded((ulong)maxValue - (ulong)minValue));
    }

    /// <inheritdoc />
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        Span<byte> word = stackalloc byte[8];
        while (buffer.Length > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, NextUInt64());
            int n = Math.Min(8, buffer.Length);
            word[..n].CopyTo(buffer);
            buffer = buffer[n..];
        }
    }

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <summary>Uniform in [0, <paramref name="bound"/>), unbiased (Lemire's multiply-and-reject).</summary>
    private ulong Bounded(ulong bound)
    {
        if (bound <= 1)
        {
            return 0;
        }
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }
        return high;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The saved state of a <see cref="SeededRandom"/> (xoshiro256**'s four words).</summary>
public readonly record struct RandomState(ulong S0, ulong S1, ulong S2, ulong S3);
