using System;
using System.Collections;
using System.Collections.Generic;

namespace Miro.Dsl;

/// <summary>
/// The candidate configurations of a policy in one <see cref="ResourceState"/>, as typed values.
/// Generated policies return it from <c>Candidates(state)</c>: <c>foreach</c> over it uses a struct
/// enumerator and allocates nothing per candidate; the <see cref="IEnumerable{T}"/> view is there for
/// LINQ and collection initialisers.
/// </summary>
/// <typeparam name="TConfiguration">The policy's generated <c>Configuration</c> type.</typeparam>
public readonly struct CandidateSet<TConfiguration> : IEnumerable<TConfiguration>
{
    private readonly CandidateSpace _space;
    private readonly ResourceState _state;
    private readonly Func<long, TConfiguration> _decode;

    /// <summary>The candidates of <paramref name="space"/> in <paramref name="state"/>, decoded by <paramref name="decode"/> (ordinal to configuration).</summary>
    public CandidateSet(CandidateSpace space, ResourceState state, Func<long, TConfiguration> decode)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _state = state;
        _decode = decode ?? throw new ArgumentNullException(nameof(decode));
    }

    /// <summary>A struct enumerator over the allowed candidates, in cross-product order.</summary>
    public Enumerator GetEnumerator() => _space is null ? default : new(_space.Enumerate(_state), _decode);

    IEnumerator<TConfiguration> IEnumerable<TConfiguration>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates candidates without allocating.</summary>
    public struct Enumerator : IEnumerator<TConfiguration>
    {
        private CandidateSpace.OrdinalEnumerator _ordinals;
        private readonly Func<long, TConfiguration> _decode;

        internal Enumerator(CandidateSpace.OrdinalEnumerator ordinals, Func<long, TConfiguration> decode)
        {
            _ordinals = ordinals;
            _decode = decode;
        }

        /// <summary>The current configuration.</summary>
        public TConfiguration Current => _decode(_ordinals.Current);

        object? IEnumerator.Current => Current;

        /// <summary>Advances to the next allowed candidate.</summary>
        public bool MoveNext() => _decode is not null && _ordinals.MoveNext();

        void IEnumerator.Reset() => throw new NotSupportedException("Enumerate the candidate set again instead.");

        /// <summary>Nothing to release.</summary>
        public void Dispose()
        {
        }
    }
}
