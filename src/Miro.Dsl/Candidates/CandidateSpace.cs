using System;
using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Dsl;

/// <summary>
/// The configurations a policy may run with: the cross product of its declared tunable values,
/// narrowed by the <c>when</c> rules that apply to a <see cref="ResourceState"/>.
/// A candidate is an <em>ordinal</em> into the cross product (mixed radix, the last tunable varying
/// fastest), so enumerating candidates allocates nothing; <see cref="IndexOf"/> and
/// <see cref="ValueOf"/> decode an ordinal. Several applying rules intersect: a value survives only
/// if every applying rule that names its tunable lists it.
/// </summary>
public sealed class CandidateSpace
{
    /// <summary>The most <c>when</c> rules a policy may have (applying rules are tracked as a bit mask).</summary>
    public const int MaxRules = 64;

    private readonly TunableSpec[] _tunables;
    private readonly long[] _strides;
    private readonly WhenRuleSpec[] _rules;
    // _allowed[rule][offset of tunable + value index]: may the rule's candidates use that value?
    private readonly bool[][] _allowed;
    private readonly int[] _offsets;

    private CandidateSpace(TunableSpec[] tunables, long[] strides, long count, WhenRuleSpec[] rules, bool[][] allowed, int[] offsets)
    {
        _tunables = tunables;
        _strides = strides;
        Count = count;
        _rules = rules;
        _allowed = allowed;
        _offsets = offsets;
    }

    /// <summary>Number of tunables (the cross product's dimensions), in declaration order.</summary>
    public int TunableCount => _tunables.Length;

    /// <summary>Size of the full cross product before any rule narrows it (1 when nothing is tunable).</summary>
    public long Count { get; }

    /// <summary>The parameter of tunable <paramref name="tunable"/>.</summary>
    public TunableParameter ParameterOf(int tunable) => _tunables[tunable].Parameter;

    /// <summary>Builds the space of <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The spec has more than <see cref="MaxRules"/> rules, or a rule names a tunable the spec does not declare.</exception>
    public static CandidateSpace Create(PolicySpec spec)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        if (spec.Rules.Count > MaxRules)
            throw new ArgumentException($"Policy '{spec.Name}' has {spec.Rules.Count} when rules; at most {MaxRules} are supported.", nameof(spec));

        var tunables = new TunableSpec[spec.Tunables.Count];
        var strides = new long[tunables.Length];
        var offsets = new int[tunables.Length];
        var totalValues = 0;
        for (var t = 0; t < tunables.Length; t++)
        {
            tunables[t] = spec.Tunables[t];
            offsets[t] = totalValues;
            totalValues += tunables[t].Values.Count;
        }

        long count = 1;
        for (var t = tunables.Length - 1; t >= 0; t--)
        {
            strides[t] = count;
            count = checked(count * tunables[t].Values.Count);
        }

        var rules = new WhenRuleSpec[spec.Rules.Count];
        var allowed = new bool[rules.Length][];
        for (var r = 0; r < rules.Length; r++)
        {
            rules[r] = spec.Rules[r];
            allowed[r] = AllowedValues(spec.Name, tunables, offsets, totalValues, rules[r]);
        }

        return new CandidateSpace(tunables, strides, count, rules, allowed, offsets);
    }

    private static bool[] AllowedValues(string policy, TunableSpec[] tunables, int[] offsets, int totalValues, WhenRuleSpec rule)
    {
        var allowed = new bool[totalValues];
        for (var i = 0; i < allowed.Length; i++) allowed[i] = true;
        foreach (var narrowed in rule.Tunables)
        {
            var t = Array.FindIndex(tunables, d => d.Parameter == narrowed.Parameter);
            if (t < 0)
                throw new ArgumentException($"Policy '{policy}' has a when rule that narrows {narrowed.Parameter}, which its tune block does not declare.");
            var kept = new HashSet<double>(narrowed.Values);
            for (var v = 0; v < tunables[t].Values.Count; v++)
                allowed[offsets[t] + v] &= kept.Contains(tunables[t].Values[v]);
        }

        return allowed;
    }

    /// <summary>A bit mask of the rules that apply in <paramref name="state"/> (bit <c>r</c> for rule <c>r</c>).</summary>
    public ulong ActiveRules(ResourceState state)
    {
        ulong mask = 0;
        for (var r = 0; r < _rules.Length; r++)
            if (state.Applies(_rules[r])) mask |= 1UL << r;
        return mask;
    }

    /// <summary>The ordinals of the candidates allowed in <paramref name="state"/>, in cross-product order.</summary>
    public OrdinalEnumerator Enumerate(ResourceState state) => new(this, ActiveRules(state));

    /// <summary>The index into tunable <paramref name="tunable"/>'s declared values that candidate <paramref name="ordinal"/> uses.</summary>
    public int IndexOf(long ordinal, int tunable) => (int)(ordinal / _strides[tunable] % _tunables[tunable].Values.Count);

    /// <summary>The value of tunable <paramref name="tunable"/> in candidate <paramref name="ordinal"/>.</summary>
    public double ValueOf(long ordinal, int tunable) => _tunables[tunable].Values[IndexOf(ordinal, tunable)];

    private bool IsAllowed(long ordinal, ulong activeRules)
    {
        for (var r = 0; activeRules != 0; r++, activeRules >>= 1)
        {
            if ((activeRules & 1) == 0) continue;
            var allowed = _allowed[r];
            for (var t = 0; t < _tunables.Length; t++)
                if (!allowed[_offsets[t] + IndexOf(ordinal, t)]) return false;
        }

        return true;
    }

    /// <summary>Enumerates candidate ordinals without allocating; use it with <c>foreach</c> via <see cref="GetEnumerator"/>.</summary>
    public struct OrdinalEnumerator
    {
        private readonly CandidateSpace _space;
        private readonly ulong _activeRules;
        private long _next;

        internal OrdinalEnumerator(CandidateSpace space, ulong activeRules)
        {
            _space = space;
            _activeRules = activeRules;
            _next = 0;
            Current = -1;
        }

        /// <summary>The current candidate's ordinal.</summary>
        public long Current { get; private set; }

        /// <summary>Returns this enumerator, so <c>foreach</c> works on it directly.</summary>
        public OrdinalEnumerator GetEnumerator() => this;

        /// <summary>Advances to the next allowed candidate.</summary>
        public bool MoveNext()
        {
            if (_space is null) return false;
            while (_next < _space.Count)
            {
                var ordinal = _next++;
                if (_space.IsAllowed(ordinal, _activeRules))
                {
                    Current = ordinal;
                    return true;
                }
            }

            return false;
        }
    }
}
